package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.engine.Definitions;
import io.stepstream.schemas.avro.AliasRoute;
import io.stepstream.schemas.avro.StateMachineAlias;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
 * DeleteStateMachineAlias, ListStateMachineAliases, and the routing of a start through an alias:
 * one or two versions with weights summing to 100, the version chosen from a hash of the
 * execution name, so the same name always goes to the same version.
 */
final class AliasOperations {
    /** AWS's alias names: a name that is not a number (that would read as a version). */
    private static final Pattern ALIAS = Pattern.compile("(?=.*[a-zA-Z_\\-])[a-zA-Z0-9\\-_]{1,80}");

    private final Api api;
    private final Aliases aliases;

    AliasOperations(Api api, Aliases aliases) {
        this.api = api;
        this.aliases = aliases;
    }

    void registerWith(Dispatcher d) {
        d.register("CreateStateMachineAlias", c -> create(c.body()))
                .register("DescribeStateMachineAlias", c -> describe(c.body()))
                .register("UpdateStateMachineAlias", c -> update(c.body()))
                .register("DeleteStateMachineAlias", c -> delete(c.body()))
                .register("ListStateMachineAliases", c -> list(c.body()));
    }

    /** The published version a start of {@code executionName} through the alias runs. */
    int route(String machineArn, Arns.Machine machine, String executionName) {
        StateMachineAlias alias = aliases.get(machine.name(), machine.qualifier());
        if (alias == null) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machineArn + "'");
        }
        byte[] digest = SigV4.sha256(executionName.getBytes(StandardCharsets.UTF_8));
        int bucket = (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), 100L);
        int sum = 0;
        for (AliasRoute route : alias.getRouting()) {
            sum += route.getWeight();
            if (bucket < sum) {
                return route.getVersion();
            }
        }
        return alias.getRouting().get(alias.getRouting().size() - 1).getVersion();
    }

    private JsonNode create(Body body) {
        String name = body.required("name");
        if (!ALIAS.matcher(name).matches()) {
            throw ApiException.validation("Invalid alias name: '" + name + "'");
        }
        List<AliasRoute> routing = routing(body.node("routingConfiguration"));
        String machine = machineOf(body);
        StateMachineAlias existing = aliases.get(machine, name);
        String description = body.text("description");
        if (existing != null) {
            if (!existing.getRouting().equals(routing) || !java.util.Objects.equals(existing.getDescription(), description)) {
                throw ApiException.of("ConflictException", "Alias '" + name + "' of " + api.arns().stateMachine(machine)
                        + " already exists with another routing or description");
            }
        } else {
            Instant now = api.clock().instant();
            existing = new StateMachineAlias(machine, name, description, routing, now, now);
            aliases.put(existing);
        }
        return Json.NODES.objectNode().put("stateMachineAliasArn", api.arns().alias(machine, name))
                .put("creationDate", Api.seconds(existing.getCreated().toEpochMilli()));
    }

    private JsonNode describe(Body body) {
        StateMachineAlias alias = find(body.required("stateMachineAliasArn"));
        ObjectNode out = Json.NODES.objectNode()
                .put("stateMachineAliasArn", api.arns().alias(alias.getStateMachineName(), alias.getName()))
                .put("name", alias.getName());
        if (alias.getDescription() != null) {
            out.put("description", alias.getDescription());
        }
        ArrayNode routes = out.putArray("routingConfiguration");
        alias.getRouting().forEach(r -> routes.addObject()
                .put("stateMachineVersionArn", api.arns().version(alias.getStateMachineName(), r.getVersion()))
                .put("weight", r.getWeight()));
        return out.put("creationDate", Api.seconds(alias.getCreated().toEpochMilli()))
                .put("updateDate", Api.seconds(alias.getUpdated().toEpochMilli()));
    }

    private JsonNode update(Body body) {
        StateMachineAlias alias = find(body.required("stateMachineAliasArn"));
        List<AliasRoute> routing = body.node("routingConfiguration") == null ? alias.getRouting()
                : routing(body.node("routingConfiguration"));
        if (body.node("routingConfiguration") != null && !machineOf(body).equals(alias.getStateMachineName())) {
            throw ApiException.validation("An alias routes to versions of its own state machine only");
        }
        Instant now = api.clock().instant();
        aliases.put(new StateMachineAlias(alias.getStateMachineName(), alias.getName(),
                body.text("description", alias.getDescription()), routing, alias.getCreated(), now));
        return Json.NODES.objectNode().put("updateDate", Api.seconds(now.toEpochMilli()));
    }

    private JsonNode delete(Body body) {
        String arn = body.required("stateMachineAliasArn");
        Arns.Machine machine = api.arns().machine(arn);
        if (machine.isAlias() && aliases.get(machine.name(), machine.qualifier()) != null) {
            aliases.delete(machine.name(), machine.qualifier());
        }
        return Json.NODES.objectNode();
    }

    private JsonNode list(Body body) {
        String arn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(arn);
        if (api.view().definition(Definitions.latestKey(machine.name())) == null) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        Page<StateMachineAlias> page = Page.of(aliases.of(machine.name()), StateMachineAlias::getName, body);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("stateMachineAliases");
        page.items().forEach(a -> items.addObject()
                .put("stateMachineAliasArn", api.arns().alias(a.getStateMachineName(), a.getName()))
                .put("creationDate", Api.seconds(a.getCreated().toEpochMilli())));
        page.writeToken(out);
        return out;
    }

    private StateMachineAlias find(String arn) {
        Arns.Machine machine = api.arns().machine(arn);
        StateMachineAlias alias = machine.isAlias() ? aliases.get(machine.name(), machine.qualifier()) : null;
        if (alias == null) {
            throw ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'");
        }
        return alias;
    }

    private List<AliasRoute> routing(JsonNode config) {
        if (config == null || !config.isArray() || config.isEmpty() || config.size() > 2) {
            throw ApiException.validation("routingConfiguration takes one or two versions");
        }
        List<AliasRoute> routes = new ArrayList<>();
        int sum = 0;
        for (JsonNode r : config) {
            Arns.Machine version = api.arns().machine(r.path("stateMachineVersionArn").asText(null));
            int weight = r.path("weight").asInt(-1);
            if (!version.isVersion() || weight < 0 || weight > 100) {
                throw ApiException.validation("Each route needs a stateMachineVersionArn and a weight from 0 to 100");
            }
            int number = Integer.parseInt(version.qualifier());
            if (api.view().definition(Definitions.publishedKey(version.name(), number)) == null) { // published only
                throw ApiException.of("ResourceNotFound", "Resource not found: '"
                        + r.path("stateMachineVersionArn").asText() + "'");
            }
            routes.add(new AliasRoute(number, weight));
            sum += weight;
        }
        if (sum != 100) {
            throw ApiException.validation("The weights of routingConfiguration must sum to 100");
        }
        return routes;
    }

    /** The one machine every route's version belongs to. */
    private String machineOf(Body body) {
        String machine = null;
        for (JsonNode r : body.node("routingConfiguration")) {
            String name = api.arns().machine(r.path("stateMachineVersionArn").asText()).name();
            if (machine != null && !machine.equals(name)) {
                throw ApiException.validation("An alias routes to versions of one state machine");
            }
            machine = name;
        }
        return machine;
    }
}
