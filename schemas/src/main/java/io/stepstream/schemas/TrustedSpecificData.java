package io.stepstream.schemas;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The SpecificData of this project's serdes: it loads the generated classes of the packages it
 * trusts itself, and reads and writes them with their generated coders. Avro 1.12
 * refuses to instantiate a class outside its allow-list (the org.apache.avro.SERIALIZABLE_PACKAGES
 * system property or a global ClassSecurityValidator); trusting only the packages of the records a
 * deserializer was built for keeps that protection for everything else, without any -D flag or a
 * change to JVM-wide state.
 */
final class TrustedSpecificData extends SpecificData {
    private final Set<String> trustedPackages;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    TrustedSpecificData(Class<?> type) {
        super(type.getClassLoader());
        this.trustedPackages = new HashSet<>(List.of(type.getPackageName(), Schemas.PACKAGE));
        SpecificData generated = SpecificData.getForClass(type);
        generated.getConversions().forEach(this::addLogicalTypeConversion);
        // The generated classes' own encode and decode methods, where Avro generated them (records
        // without logical types): Avro leaves them off unless a system property turns them on.
        setCustomCoders(true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getClass(Schema schema) {
        if (isNamed(schema) && trustedPackages.contains(schema.getNamespace())) {
            Class<?> known = loaded.computeIfAbsent(schema.getFullName(), this::load);
            if (known != Void.class) {
                return known;
            }
        }
        return super.getClass(schema);
    }

    private static boolean isNamed(Schema schema) {
        Schema.Type type = schema.getType();
        return type == Schema.Type.RECORD || type == Schema.Type.ENUM || type == Schema.Type.FIXED;
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, getClassLoader());
        } catch (ClassNotFoundException e) {
            // Not generated here (an unknown writer-only type): let Avro fall back as it would.
            return Void.class;
        }
    }
}
