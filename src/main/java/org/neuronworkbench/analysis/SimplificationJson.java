package org.neuronworkbench.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON form of a simplification replay, shared by the CLI and the replay pane's export. */
public final class SimplificationJson {
    private SimplificationJson() {
    }

    /** {@code {"layer","neuron","steps":[{"tokens","activations","target","target_activation","removed"}],"forwards"}}, plus "prune" if given. */
    public static ObjectNode of(Simplification.Result r, ContextPruning.Result p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("layer", r.neuron().layer());
        root.put("neuron", r.neuron().index());
        ArrayNode steps = root.putArray("steps");
        for (Simplification.Step s : r.steps()) {
            ObjectNode o = steps.addObject();
            ArrayNode toks = o.putArray("tokens");
            s.tokens().forEach(toks::add);
            ArrayNode acts = o.putArray("activations");
            for (float a : s.activations()) {
                acts.add(a);
            }
            o.put("target", s.target());
            o.put("target_activation", s.targetActivation());
            o.put("removed", s.removed());
        }
        root.put("forwards", r.forwards());
        if (r.cancelled()) {
            root.put("cancelled", true);
        }
        if (p != null) {
            ObjectNode o = root.putObject("prune");
            ArrayNode toks = o.putArray("tokens");
            p.tokens().forEach(toks::add);
            o.put("start", p.start());
            o.put("activation", p.activation());
            o.put("original", p.original());
            o.put("keep", p.keep());
            o.put("met", p.met());
            o.put("forwards", p.forwards());
        }
        return root;
    }
}
