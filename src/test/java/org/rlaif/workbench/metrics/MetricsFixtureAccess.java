package org.rlaif.workbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;

/** Lets tests in other packages check a table against the Python reference values. */
public final class MetricsFixtureAccess {
    private MetricsFixtureAccess() {
    }

    public static Iterable<JsonNode> expected(String caseName) {
        return MetricsFixtures.testCase(caseName).get("expected");
    }

    public static void check(LabelTable table, JsonNode expected) {
        ReferenceValuesTest.check(table, expected);
    }
}
