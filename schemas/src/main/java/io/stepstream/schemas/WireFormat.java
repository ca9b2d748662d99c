package io.stepstream.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The two framings the serdes speak. Confluent: magic byte 0, the schema's registry id as a 4-byte
 * big-endian int, then the Avro binary body. Single-object (Avro spec): 0xC3 0x01, the schema's
 * CRC-64-AVRO parsing fingerprint as 8 little-endian bytes, then the body.
 */
final class WireFormat {
    static final byte CONFLUENT_MAGIC = 0x0;
    static final int CONFLUENT_HEADER = 5;
    static final int SINGLE_OBJECT_HEADER = 10;
    private static final byte SINGLE_OBJECT_MARKER_0 = (byte) 0xC3;
    private static final byte SINGLE_OBJECT_MARKER_1 = (byte) 0x01;

    private WireFormat() {}

    static boolean isConfluent(byte[] bytes) {
        return bytes.length >= CONFLUENT_HEADER && bytes[0] == CONFLUENT_MAGIC;
    }

    static boolean isSingleObject(byte[] bytes) {
        return bytes.length >= SINGLE_OBJECT_HEADER
                && bytes[0] == SINGLE_OBJECT_MARKER_0 && bytes[1] == SINGLE_OBJECT_MARKER_1;
    }

    static int confluentId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    static long singleObjectFingerprint(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static byte[] confluentHeader(int id) {
        return ByteBuffer.allocate(CONFLUENT_HEADER).put(CONFLUENT_MAGIC).putInt(id).array();
    }

    static byte[] singleObjectHeader(Schema schema) {
        return ByteBuffer.allocate(SINGLE_OBJECT_HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .put(SINGLE_OBJECT_MARKER_0).put(SINGLE_OBJECT_MARKER_1)
                .putLong(fingerprint(schema)).array();
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The first bytes in hex, for error messages about unreadable records. */
    static String prefix(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 12); i++) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex + (bytes.length > 12 ? "..." : "");
    }
}
