package org.neuronworkbench.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;

/**
 * Tool panes on their own stages for one test class: starts the toolkit, shows panes through
 * {@link ToolPaneTesting#show} and closes every one shown after each test. Register it with
 * {@code @RegisterExtension final ToolPaneStages stages = new ToolPaneStages();}.
 */
public final class ToolPaneStages implements BeforeEachCallback, AfterEachCallback {
    private final List<ToolPaneTesting.Shown<?>> shown = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        UiTestSupport.startToolkit();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        shown.forEach(ToolPaneTesting.Shown::close);
        shown.clear();
    }

    public <P extends ToolPane> ToolPaneTesting.Shown<P> show(Path dir, ModelRunner model,
                                                             Function<WorkbenchContext, P> factory) {
        ToolPaneTesting.Shown<P> s = ToolPaneTesting.show(dir, model, factory);
        shown.add(s);
        return s;
    }
}
