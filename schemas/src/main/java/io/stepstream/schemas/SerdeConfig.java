package io.stepstream.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * How the Avro serdes reach a schema registry, read from the usual Kafka client configuration map
 * with Confluent's property names, so an existing client configuration works unchanged.
 *
 * @param registryUrl the registry's root URL; null means no registry (single-object encoding)
 * @param autoRegister register writer schemas on first use; when false they must already exist
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth; null for none
 */
public record SerdeConfig(String registryUrl, boolean autoRegister, String basicAuthUserInfo) {
    /** The registry URL; if several are listed (comma-separated), the first is used. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Defaults to true. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** {@code user:password}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Class name of the record a value deserializer made by Kafka's reflection should produce. */
    public static final String VALUE_TYPE = "specific.avro.value.type";
    /** Class name of the record a key deserializer made by Kafka's reflection should produce. */
    public static final String KEY_TYPE = "specific.avro.key.type";

    /** No registry: Avro single-object encoding. */
    public static final SerdeConfig NO_REGISTRY = new SerdeConfig(null, true, null);

    public static SerdeConfig from(Map<String, ?> configs) {
        Objects.requireNonNull(configs, "configs");
        String url = text(configs.get(SCHEMA_REGISTRY_URL));
        if (url != null) {
            url = url.split(",")[0].trim();
        }
        String autoRegister = text(configs.get(AUTO_REGISTER_SCHEMAS));
        return new SerdeConfig(url, autoRegister == null || Boolean.parseBoolean(autoRegister),
                text(configs.get(BASIC_AUTH_USER_INFO)));
    }

    /** A registry configuration at this URL with automatic registration. */
    public static SerdeConfig registry(String url) {
        return new SerdeConfig(url, true, null);
    }

    public boolean hasRegistry() {
        return registryUrl != null;
    }

    /** A fresh caching client for the configured registry, or null when there is none. */
    SchemaRegistry newRegistry() {
        return hasRegistry()
                ? new CachedSchemaRegistry(new ConfluentSchemaRegistryClient(registryUrl, basicAuthUserInfo))
                : null;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
