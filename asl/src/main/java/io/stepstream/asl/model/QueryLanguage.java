package io.stepstream.asl.model;

/** The two query languages of ASL, chosen per machine and per state. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    /** The spelling used in definitions. */
    public String aslName() {
        return aslName;
    }

    /** Parses the definition spelling; null when unknown. */
    public static QueryLanguage fromAsl(String name) {
        for (QueryLanguage q : values()) {
            if (q.aslName.equals(name)) {
                return q;
            }
        }
        return null;
    }
}
