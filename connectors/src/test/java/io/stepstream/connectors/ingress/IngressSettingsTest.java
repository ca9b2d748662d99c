package io.stepstream.connectors.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The ingress section: defaults, the forms it accepts, and messages that name the bad field. */
class IngressSettingsTest {

    @Test
    void anEmptySectionConfiguresNothing() {
        IngressSettings s = IngressSettings.parse(Json.parse("{}"));

        assertTrue(s.topicRules().isEmpty());
        assertNull(s.webhooks());
        assertTrue(s.completions().routes().isEmpty());
    }

    @Test
    void aRuleDefaultsToPositionNamesTheValueAsInputAndTheEarliestOffset() {
        IngressSettings.TopicRule rule = IngressSettings.parse(Json.parse("""
                {"topicRules":[{"topic":"orders","machine":"flow"}]}""")).topicRules().get(0);

        assertEquals("orders", rule.name());
        assertEquals(IngressSettings.Naming.OFFSET, rule.naming());
        assertNull(rule.input());
        assertEquals("earliest", rule.startFrom());
    }

    @Test
    void webhooksAndRoutesTakeTheirDefaultsAndShortForms() {
        IngressSettings s = IngressSettings.parse(Json.parse("""
                {"webhooks":{"machines":{"a":{},"b":{"mode":"sync"}}},
                 "completions":{"routes":{"a":"a.done","b":{"topic":"b.done","format":"json"}}}}"""));

        assertEquals(8080, s.webhooks().port());
        assertEquals(Duration.ofMinutes(5), s.webhooks().syncTimeout());
        assertEquals(false, s.webhooks().machines().get("a"));
        assertEquals(true, s.webhooks().machines().get("b"));
        assertEquals(new IngressSettings.CompletionRoute("a", "a.done", false), s.completions().routes().get("a"));
        assertEquals(new IngressSettings.CompletionRoute("b", "b.done", true), s.completions().routes().get("b"));
        assertEquals("latest", s.completions().startFrom());
    }

    @Test
    void aMistakeNamesTheField() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () ->
                IngressSettings.parse(Json.parse("{\"topicRules\":[{\"topic\":\"t\"}]}")));
        IllegalArgumentException naming = assertThrows(IllegalArgumentException.class, () ->
                IngressSettings.parse(Json.parse("{\"topicRules\":[{\"topic\":\"t\",\"machine\":\"m\",\"executionName\":\"uuid\"}]}")));

        assertEquals("ingress.topicRules[0].machine is required", missing.getMessage());
        assertEquals("ingress.topicRules[0].executionName must be offset or key, not 'uuid'", naming.getMessage());
    }
}
