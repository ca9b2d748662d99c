package io.stepstream.api;

import io.stepstream.runtime.engine.Definitions;
import io.stepstream.schemas.avro.Definition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KeyValue;

/**
 * Published versions of state machines, numbered 1, 2, 3... apart from revisions, as AWS numbers
 * them. Each is a copy of the revision it snapshots on the definitions topic, under
 * {@code name:vN} with {@code publishedVersion} N and its description; {@code name:v} holds the
 * highest number ever published, so a deleted version's number is not given again. Being on the
 * definitions topic, they survive restarts and every instance (and the engine, for nested starts
 * of a version ARN) reads them from the global store. Publishing is last-writer-wins between
 * instances: a publish that finds its record replaced by a concurrent one answers
 * ConflictException, as AWS does for concurrent publishes.
 */
final class Versions {
    private static final long WAIT_MILLIS = 30_000;

    private final Api api;

    Versions(Api api) {
        this.api = api;
    }

    private static String counterKey(String name) {
        return name + ":v";
    }

    /** Published version {@code number} of {@code name}, or null. */
    Definition get(String name, int number) {
        return api.view().definition(Definitions.publishedKey(name, number));
    }

    /** The published versions of {@code name}, newest first. */
    List<Definition> of(String name) {
        List<Definition> out = new ArrayList<>();
        for (KeyValue<String, Definition> kv : api.view().definitions(counterKey(name))) {
            if (kv.value != null && kv.value.getPublishedVersion() != null && kv.value.getName().equals(name)
                    && kv.key.equals(Definitions.publishedKey(name, kv.value.getPublishedVersion()))) {
                out.add(kv.value);
            }
        }
        out.sort(Comparator.comparing(Definition::getPublishedVersion).reversed());
        return out;
    }

    /**
     * Publishes {@code revision} as the next version, or answers the version that already
     * snapshots it (AWS: publishing is idempotent) when its description is the same.
     *
     * @throws ApiException ConflictException when that version has another description, or a
     *     concurrent publish took the number
     */
    Definition publish(Definition revision, String description) {
        String name = revision.getName();
        List<Definition> versions = of(name);
        for (Definition v : versions) {
            if (v.getVersion() == revision.getVersion()) {
                if (!Objects.equals(v.getDescription(), description)) {
                    throw ApiException.of("ConflictException", "Version " + api.arns().version(name,
                            v.getPublishedVersion()) + " already publishes revision " + revision.getVersion()
                            + " with another description");
                }
                return v;
            }
        }
        Definition counter = api.view().definition(counterKey(name));
        int last = counter == null ? 0 : counter.getPublishedVersion();
        for (Definition v : versions) {
            last = Math.max(last, v.getPublishedVersion());
        }
        int number = last + 1;
        // The constructor, not newBuilder(revision): its deep copy trips Avro's class allow-list.
        Definition version = new Definition(name, revision.getVersion(), revision.getDefinition(), revision.getType(),
                api.clock().instant(), number, description);
        String key = Definitions.publishedKey(name, number);
        api.catalog().put(key, version);
        api.catalog().put(counterKey(name), version);
        await(() -> api.view().definition(key) != null && api.view().definition(counterKey(name)) != null
                && api.view().definition(counterKey(name)).getPublishedVersion() >= number);
        if (!version.equals(api.view().definition(key))) {
            throw ApiException.of("ConflictException", "A concurrent PublishStateMachineVersion published version "
                    + number + " of " + api.arns().stateMachine(name));
        }
        return version;
    }

    /** Deletes one version; deleting a version that does not exist does nothing, as on AWS. */
    void delete(String name, int number) {
        String key = Definitions.publishedKey(name, number);
        if (api.view().definition(key) != null) {
            api.catalog().delete(key);
            await(() -> api.view().definition(key) == null);
        }
    }

    /** Deletes every version of a state machine that is deleted, and its count. */
    void deleteAll(String name) {
        for (Definition v : of(name)) {
            api.catalog().delete(Definitions.publishedKey(name, v.getPublishedVersion()));
        }
        if (api.view().definition(counterKey(name)) != null) {
            api.catalog().delete(counterKey(name));
            await(() -> api.view().definition(counterKey(name)) == null);
        }
    }

    private static void await(BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw ApiException.frontEnd("ServiceUnavailable", "The definitions store did not read the change"
                        + " back within " + WAIT_MILLIS + " ms", 503);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
