package io.stepstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Definition;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConfluentSchemaRegistryClientTest {

    @Test
    void givesEqualSchemasOneIdAcrossSubjectsAndFetchesThemBack() {
        try (MockSchemaRegistry registry = MockSchemaRegistry.start()) {
            ConfluentSchemaRegistryClient client = new ConfluentSchemaRegistryClient(registry.url(), null);

            int commands = client.register("a-value", Command.getClassSchema());
            int again = client.register("b/with space-value", Command.getClassSchema());
            int definitions = client.register("a-value", Definition.getClassSchema());

            assertEquals(commands, again);
            assertTrue(definitions != commands);
            assertEquals(commands, client.idOf("b/with space-value", Command.getClassSchema()));
            assertEquals(Definition.getClassSchema(), client.schemaById(definitions));
        }
    }

    @Test
    void reportsAnUnknownIdAsNotFoundWithTheRegistrysErrorCode() {
        try (MockSchemaRegistry registry = MockSchemaRegistry.start()) {
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                    () -> new ConfluentSchemaRegistryClient(registry.url(), null).schemaById(42));

            assertTrue(e.isNotFound());
            assertEquals(40403, e.errorCode());
            assertTrue(e.getMessage().contains("Schema 42 not found"), e.getMessage());
        }
    }

    @Test
    void reportsAnUnreachableRegistryWithoutAStatus() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new ConfluentSchemaRegistryClient("http://127.0.0.1:1", null).schemaById(1));

        assertEquals(0, e.status());
    }

    @Test
    void sendsBasicAuthCredentials() {
        try (MockSchemaRegistry registry = MockSchemaRegistry.start()) {
            new ConfluentSchemaRegistryClient(registry.url() + "/", "user:secret")
                    .register("a-value", Command.getClassSchema());

            assertEquals("Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes()),
                    registry.authorizations().get(0));
        }
    }
}
