package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.validate.DefinitionValidator;
import io.stepstream.asl.validate.Diagnostic;
import io.stepstream.asl.validate.InvalidDefinitionException;
import io.stepstream.runtime.engine.Definitions;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.StateMachineAlias;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KeyValue;

/**
 * State machines and their versions, kept on the definitions topic: {@code name} holds the
 * latest revision, {@code name:N} each revision (every Create and Update that changes the
 * definition makes one; {@code revisionId} is its number), and {@link Versions} the published
 * versions ({@code stateMachine:NAME:N}), numbered apart as AWS numbers them.
 */
final class StateMachineOperations {
    /** AWS's names: 1-80 characters, none of whitespace, brackets, wildcards and these specials. */
    static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");

    private final Api api;
    private final Versions versions;
    private final Aliases aliases;

    StateMachineOperations(Api api, Aliases aliases) {
        this.api = api;
        this.versions = new Versions(api);
        this.aliases = aliases;
    }

    void registerWith(Dispatcher d) {
        d.register("CreateStateMachine", c -> create(c.body()))
                .register("DescribeStateMachine", c -> describe(c.body()))
                .register("UpdateStateMachine", c -> update(c.body()))
                .register("DeleteStateMachine", c -> delete(c.body()))
                .register("ListStateMachines", c -> list(c.body()))
                .register("ValidateStateMachineDefinition", c -> validate(c.body()))
                .register("PublishStateMachineVersion", c -> publish(c.body()))
                .register("ListStateMachineVersions", c -> versions(c.body()))
                .register("DeleteStateMachineVersion", c -> deleteVersion(c.body()))
                .register("DescribeStateMachineForExecution", c -> forExecution(c.body()));
    }

    private JsonNode create(Body body) {
        String name = body.required("name");
        String definition = body.required("definition");
        MachineType type = type(body.text("type", "STANDARD"));
        if (!NAME.matcher(name).matches()) {
            throw ApiException.of("InvalidName", "Invalid Name: '" + name + "'");
        }
        Definition existing = api.view().definition(Definitions.latestKey(name));
        if (existing != null) {
            if (!existing.getDefinition().equals(definition) || !existing.getType().name().equals(type.name())) {
                throw ApiException.of("StateMachineAlreadyExists", "State Machine Already Exists: '"
                        + api.arns().stateMachine(name) + "'");
            } // AWS: the same request again is idempotent
        } else {
            deploy(name, definition, type);
        }
        Definition latest = api.view().definition(Definitions.latestKey(name));
        ObjectNode out = Json.NODES.objectNode().put("stateMachineArn", api.arns().stateMachine(name))
                .put("creationDate", Api.seconds(created(name, latest)));
        if (body.bool("publish", false)) {
            Definition version = versions.publish(latest, body.text("versionDescription"));
            out.put("stateMachineVersionArn", api.arns().version(name, version.getPublishedVersion()));
        }
        return out;
    }

    private int deploy(String name, String definition, MachineType type) {
        try {
            return api.engine().deploy(name, definition, type);
        } catch (InvalidDefinitionException e) {
            throw ApiException.of("InvalidDefinition", e.getMessage());
        } catch (IllegalArgumentException e) { // not JSON
            throw ApiException.of("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }

    private JsonNode describe(Body body) {
        String arn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(arn);
        Definition d = resolve(arn, machine);
        ObjectNode out = Json.NODES.objectNode().put("stateMachineArn", arn).put("name", machine.name())
                .put("status", "ACTIVE").put("definition", d.getDefinition()).put("roleArn", roleArn(machine.name()))
                .put("type", d.getType().name())
                .put("creationDate", Api.seconds(machine.isVersion() ? d.getCreated().toEpochMilli()
                        : created(machine.name(), d)))
                .put("revisionId", String.valueOf(d.getVersion()));
        if (d.getDescription() != null) {
            out.put("description", d.getDescription());
        }
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }

    private JsonNode update(Body body) {
        String arn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(arn);
        if (machine.qualifier() != null) {
            throw ApiException.of("ValidationException", "UpdateStateMachine takes an unqualified state machine ARN");
        }
        Definition latest = resolve(arn, machine);
        String definition = body.text("definition", latest.getDefinition());
        MachineType type = MachineType.valueOf(latest.getType().name());
        int revision = definition.equals(latest.getDefinition()) ? latest.getVersion()
                : deploy(machine.name(), definition, type);
        Definition updated = api.view().definition(Definitions.versionKey(machine.name(), revision));
        ObjectNode out = Json.NODES.objectNode()
                .put("updateDate", Api.seconds(updated.getCreated().toEpochMilli()))
                .put("revisionId", String.valueOf(revision));
        if (body.bool("publish", false)) {
            Definition version = versions.publish(updated, body.text("versionDescription"));
            out.put("stateMachineVersionArn", api.arns().version(machine.name(), version.getPublishedVersion()));
        }
        return out;
    }

    /**
     * Deletes the machine's name (a tombstone) and its published versions: it is gone from List and
     * Describe, and new starts fail. Its revisions stay, so executions already running finish, as on AWS.
     */
    private JsonNode delete(Body body) {
        Arns.Machine machine = api.arns().machine(body.required("stateMachineArn"));
        String key = Definitions.latestKey(machine.name());
        if (api.view().definition(key) != null) {
            versions.deleteAll(machine.name());
            api.catalog().delete(key);
            long deadline = System.currentTimeMillis() + 30_000;
            while (api.view().definition(key) != null && System.currentTimeMillis() < deadline) {
                sleep();
            }
        }
        return Json.NODES.objectNode();
    }

    private JsonNode list(Body body) {
        List<Definition> machines = new ArrayList<>();
        for (KeyValue<String, Definition> kv : api.view().definitions("")) {
            if (kv.value != null && kv.key.equals(kv.value.getName())) {
                machines.add(kv.value);
            }
        }
        machines.sort(Comparator.comparing(Definition::getName));
        Page<Definition> page = Page.of(machines, Definition::getName, body);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("stateMachines");
        for (Definition d : page.items()) {
            items.addObject().put("stateMachineArn", api.arns().stateMachine(d.getName())).put("name", d.getName())
                    .put("type", d.getType().name()).put("creationDate", Api.seconds(created(d.getName(), d)));
        }
        page.writeToken(out);
        return out;
    }

    private JsonNode validate(Body body) {
        String definition = body.required("definition");
        MachineType type = type(body.text("type", "STANDARD"));
        boolean errorsOnly = "ERROR".equals(body.text("severity", "ERROR"));
        int max = body.integer("maxResults", 100);
        List<Diagnostic> diagnostics = DefinitionValidator.validate(definition, type).stream()
                .filter(d -> !errorsOnly || d.severity() == Diagnostic.Severity.ERROR).toList();
        ObjectNode out = Json.NODES.objectNode();
        out.put("result", diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)
                ? "FAIL" : "OK");
        ArrayNode items = out.putArray("diagnostics");
        for (Diagnostic d : diagnostics.subList(0, Math.min(max, diagnostics.size()))) {
            ObjectNode item = items.addObject().put("severity", d.severity().name()).put("code", d.code())
                    .put("message", d.message());
            if (d.location() != null) {
                item.put("location", d.location());
            }
        }
        out.put("truncated", diagnostics.size() > max);
        return out;
    }

    /** AWS's PublishStateMachineVersion: the latest revision as a new version, or the version that has it already. */
    private JsonNode publish(Body body) {
        String arn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(arn);
        if (machine.qualifier() != null) {
            throw ApiException.validation("PublishStateMachineVersion takes an unqualified state machine ARN");
        }
        Definition latest = resolve(arn, machine);
        String revision = body.text("revisionId");
        if (revision != null && !revision.equals(String.valueOf(latest.getVersion()))) {
            throw ApiException.of("ConflictException", "Failed to publish the State Machine version: the revisionId '"
                    + revision + "' is not the state machine's current revision ('" + latest.getVersion() + "')");
        }
        Definition version = versions.publish(latest, body.text("description"));
        return Json.NODES.objectNode().put("creationDate", Api.seconds(version.getCreated().toEpochMilli()))
                .put("stateMachineVersionArn", api.arns().version(machine.name(), version.getPublishedVersion()));
    }

    private JsonNode versions(Body body) {
        String arn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(arn);
        resolve(arn, machine);
        Page<Definition> page = Page.of(versions.of(machine.name()),
                d -> String.format("%010d", Integer.MAX_VALUE - d.getPublishedVersion()), body);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("stateMachineVersions");
        for (Definition d : page.items()) {
            items.addObject().put("stateMachineVersionArn", api.arns().version(d.getName(), d.getPublishedVersion()))
                    .put("creationDate", Api.seconds(d.getCreated().toEpochMilli()));
        }
        page.writeToken(out);
        return out;
    }

    /** AWS refuses to delete a version an alias routes to; a version that does not exist is deleted already. */
    private JsonNode deleteVersion(Body body) {
        String arn = body.required("stateMachineVersionArn");
        Arns.Machine machine = api.arns().machine(arn);
        if (!machine.isVersion()) {
            throw ApiException.validation("Invalid Arn: '" + arn + "' is not a state machine version ARN");
        }
        int number = Integer.parseInt(machine.qualifier());
        for (StateMachineAlias alias : aliases.of(machine.name())) {
            if (alias.getRouting().stream().anyMatch(r -> r.getVersion() == number)) {
                throw ApiException.of("ConflictException", "Version " + arn + " is referenced by alias "
                        + api.arns().alias(machine.name(), alias.getName()) + "; update or delete the alias first");
            }
        }
        versions.delete(machine.name(), number);
        return Json.NODES.objectNode();
    }

    private JsonNode forExecution(Body body) {
        String arn = body.required("executionArn");
        api.arns().execution(arn);
        ExecutionView execution = ExecutionOperations.find(api, arn);
        Definition d = execution.definitionKey() == null ? null : api.view().definition(execution.definitionKey());
        if (d == null) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '"
                    + execution.stateMachineArn() + "'");
        }
        return Json.NODES.objectNode().put("stateMachineArn", execution.stateMachineArn()).put("name", d.getName())
                .put("definition", d.getDefinition()).put("roleArn", roleArn(d.getName()))
                .put("updateDate", Api.seconds(d.getCreated().toEpochMilli()))
                .put("revisionId", String.valueOf(d.getVersion()));
    }

    /** The definition an ARN names: the latest revision, or the published version it is qualified with. */
    Definition resolve(String arn, Arns.Machine machine) {
        Definition d = null;
        if (machine.qualifier() == null) {
            d = api.view().definition(Definitions.latestKey(machine.name()));
        } else if (machine.isVersion()) {
            d = versions.get(machine.name(), Integer.parseInt(machine.qualifier()));
        }
        if (d == null || (machine.isVersion() && api.view().definition(Definitions.latestKey(machine.name())) == null)) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return d;
    }

    /** When the state machine was created: its first revision's date, where that revision still exists. */
    private long created(String name, Definition latest) {
        Definition first = api.view().definition(Definitions.versionKey(name, 1));
        return Objects.requireNonNullElse(first, latest).getCreated().toEpochMilli();
    }

    private String roleArn(String name) {
        return "arn:aws:iam::" + api.arns().account() + ":role/" + name + "-role";
    }

    private static MachineType type(String type) {
        try {
            return MachineType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("1 validation error detected: Value '" + type + "' at 'type' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
