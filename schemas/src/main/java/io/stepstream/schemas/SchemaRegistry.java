package io.stepstream.schemas;

import org.apache.avro.Schema;

/**
 * The part of a schema registry the serdes need: ids for writer schemas, schemas for ids.
 * Implementations throw {@link SchemaRegistryException} when the registry refuses or is down.
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (a no-op if already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The global id of a schema already registered under the subject. */
    int idOf(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);
}
