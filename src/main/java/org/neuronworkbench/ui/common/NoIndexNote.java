package org.neuronworkbench.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What a pane that reads an index shows in place of its content while no index is open: what is
 * missing and a button to the Corpus pane. Visible exactly while no index is open, so a pane
 * stacks it over its content and hides nothing else.
 */
public final class NoIndexNote extends VBox {
    public NoIndexNote(WorkbenchContext ctx, String whatNeedsIt) {
        super(10);
        setId("no-index-note");
        Label text = new Label("No index is open.\n" + whatNeedsIt + " Build or open one in the Corpus pane.");
        text.setWrapText(true);
        text.setStyle("-fx-text-fill: #777; -fx-font-size: 15px;");
        Button toCorpus = new Button("Go to the Corpus pane");
        toCorpus.setOnAction(e -> ctx.showPane("corpus"));
        getChildren().addAll(text, toCorpus);
        setAlignment(Pos.CENTER);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        visibleProperty().bind(ctx.openIndex().currentProperty().isNull());
        managedProperty().bind(visibleProperty());
    }
}
