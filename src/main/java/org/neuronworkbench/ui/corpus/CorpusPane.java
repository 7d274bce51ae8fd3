package org.neuronworkbench.ui.corpus;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusDocument;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * Choose a corpus (file, folder or WordNet glosses), check its first documents and read report,
 * set the windows, build an index in the background, and open the indexes built so far.
 */
public final class CorpusPane extends BorderPane {
    private final CorpusViewModel model;
    final Button openFile = new Button("Open file…");
    final Button openFolder = new Button("Open folder…");
    final Button wordnet = new Button("WordNet glosses");
    final ListView<CorpusDocument> previewList = new ListView<>();
    final Button start = new Button("Start indexing");
    final Button cancel = new Button("Cancel");
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label();
    RadioButton sentencesButton;
    final ListView<KnownIndexes.Entry> indexList = new ListView<>();
    final Button openIndexButton = new Button("Open in neuron browser");

    public CorpusPane(WorkbenchContext ctx) {
        this(new CorpusViewModel(ctx, ctx.openIndex()));
    }

    public CorpusPane(CorpusViewModel model) {
        this.model = model;
        getStyleClass().add("corpus-pane");
        openFile.setOnAction(e -> chooseFile());
        openFile.setTooltip(new Tooltip("One or several .txt or .jsonl files; several are read as one corpus, in name order"));
        openFolder.setOnAction(e -> chooseFolder());
        wordnet.setOnAction(e -> model.choose(Corpora.WORDNET));
        wordnet.setTooltip(new Tooltip("Definitions from WordNet 3.1, one document per gloss (~117,000)"));
        Label source = new Label();
        source.setStyle("-fx-font-weight: bold;");
        source.textProperty().bind(Bindings.createStringBinding(() -> model.previewProperty().get() == null
                ? "No corpus chosen" : model.previewProperty().get().spec(), model.previewProperty()));
        HBox top = new HBox(8, openFile, openFolder, wordnet, new Separator(javafx.geometry.Orientation.VERTICAL), source);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));
        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b2182b; -fx-font-weight: bold;");
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        VBox.setMargin(error, new Insets(0, 8, 6, 8));
        setTop(new VBox(top, error));

        SplitPane split = new SplitPane(previewBox(), new VBox(settings(), runBox(), indexBox()));
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    public CorpusViewModel model() {
        return model;
    }

    private VBox previewBox() {
        previewList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CorpusDocument d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.id() + "   " + d.text().strip());
            }
        });
        previewList.itemsProperty().bind(Bindings.createObjectBinding(() -> javafx.collections.FXCollections
                .observableArrayList(model.previewProperty().get() == null ? java.util.List.of()
                        : model.previewProperty().get().documents()), model.previewProperty()));
        previewList.setPlaceholder(new Label("Open a .txt or .jsonl file, a folder of .txt files,\nor the WordNet glosses."));
        Label report = new Label();
        report.setWrapText(true);
        report.textProperty().bind(Bindings.createStringBinding(() -> model.previewProperty().get() == null
                ? "" : "Read report: " + model.previewProperty().get().report().summary(), model.previewProperty()));
        Label title = heading("Preview (first " + CorpusPreview.PREVIEW_DOCUMENTS + " documents)");
        VBox box = new VBox(6, title, previewList, report);
        VBox.setVgrow(previewList, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private VBox settings() {
        ToggleGroup group = new ToggleGroup();
        RadioButton sentences = new RadioButton("Sentences (one window per document)");
        RadioButton tokens = new RadioButton("Token windows (Neuroscope style)");
        sentences.setToggleGroup(group);
        tokens.setToggleGroup(group);
        group.selectToggle(model.modeProperty().get() == WindowOptions.Mode.SENTENCE ? sentences : tokens);
        group.selectedToggleProperty().addListener((o, a, t) ->
                model.modeProperty().set(t == sentences ? WindowOptions.Mode.SENTENCE : WindowOptions.Mode.TOKENS));
        // The model may preselect a mode (a one-sentence-per-line corpus): the buttons follow it.
        model.modeProperty().addListener((o, a, m) -> group.selectToggle(m == WindowOptions.Mode.SENTENCE ? sentences : tokens));
        sentencesButton = sentences;
        Spinner<Integer> size = spinner(1, 512, model.sizeProperty());
        Spinner<Integer> stride = spinner(1, 512, model.strideProperty());
        stride.disableProperty().bind(model.modeProperty().isEqualTo(WindowOptions.Mode.SENTENCE));
        Spinner<Integer> topK = spinner(1, 1000, model.topKProperty());
        CheckBox special = new CheckBox("Include special tokens ([CLS], [SEP])");
        special.selectedProperty().bindBidirectional(model.includeSpecialProperty());
        TextField out = new TextField();
        out.textProperty().bindBidirectional(model.outputDirProperty());
        out.setPromptText("Folder for the index");
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> chooseOutput());
        HBox.setHgrow(out, Priority.ALWAYS);

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Windows"), new VBox(4, tokens, sentences));
        g.addRow(1, new Label("Tokens per window"), size);
        g.addRow(2, new Label("Stride"), stride);
        g.addRow(3, new Label("Top excerpts kept"), topK);
        g.add(special, 1, 4);
        g.addRow(5, new Label("Output folder"), new HBox(6, out, choose));
        GridPane.setHgrow(g.getChildren().get(g.getChildren().size() - 1), Priority.ALWAYS);
        VBox box = new VBox(6, heading("Index settings"), g);
        box.setPadding(new Insets(8));
        return box;
    }

    private VBox runBox() {
        start.setDefaultButton(true);
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(model.previewProperty().isNull());
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.buildProperty().isNull());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        model.buildProperty().addListener((o, old, task) -> {
            progress.progressProperty().unbind();
            progressText.textProperty().unbind();
            if (task != null) {
                progress.progressProperty().bind(task.progressProperty());
                progressText.textProperty().bind(task.messageProperty());
            } else {
                progress.setProgress(0);
                progressText.textProperty().bind(model.statusProperty());
            }
        });
        progressText.textProperty().bind(model.statusProperty());
        progressText.setWrapText(true);
        // Wrapped, never cut: the label keeps the height of all its lines, and the tooltip holds the same text.
        progressText.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Tooltip full = new Tooltip();
        full.textProperty().bind(progressText.textProperty());
        full.setWrapText(true);
        full.setMaxWidth(600);
        progressText.setTooltip(full);
        HBox row = new HBox(8, start, cancel, progress);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, row, progressText);
        box.setPadding(new Insets(0, 8, 8, 8));
        return box;
    }

    private VBox indexBox() {
        indexList.setItems(model.indexes());
        indexList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(KnownIndexes.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.description() + "\n" + e.dir());
                setTooltip(empty || e == null ? null : new Tooltip(e.dir().toString()));
            }
        });
        indexList.setPlaceholder(new Label("No indexes yet: build one above."));
        indexList.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelected();
            }
        });
        openIndexButton.setOnAction(e -> openSelected());
        openIndexButton.disableProperty().bind(indexList.getSelectionModel().selectedItemProperty().isNull());
        Button forget = new Button("Forget");
        forget.setTooltip(new Tooltip("Remove from this list; the folder on disk is kept"));
        forget.disableProperty().bind(indexList.getSelectionModel().selectedItemProperty().isNull());
        forget.setOnAction(e -> model.forget(indexList.getSelectionModel().getSelectedItem()));
        VBox box = new VBox(6, heading("Indexes"), indexList, new HBox(8, openIndexButton, forget));
        VBox.setVgrow(indexList, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private void openSelected() {
        KnownIndexes.Entry e = indexList.getSelectionModel().getSelectedItem();
        if (e != null) {
            model.open(e);
        }
    }

    private void chooseFile() {
        List<String> files = CorpusDialogs.files(window());
        if (!files.isEmpty()) {
            model.choose(files);
        }
    }

    private void chooseFolder() {
        CorpusDialogs.folder(window()).ifPresent(model::choose);
    }

    private void chooseOutput() {
        CorpusDialogs.outputFolder(window(), model.outputDirProperty().get()).ifPresent(model.outputDirProperty()::set);
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private static Spinner<Integer> spinner(int min, int max, javafx.beans.property.ObjectProperty<Integer> value) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get());
        s.setEditable(true);
        s.setPrefWidth(100);
        s.getValueFactory().valueProperty().bindBidirectional(value);
        return s;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        return l;
    }
}
