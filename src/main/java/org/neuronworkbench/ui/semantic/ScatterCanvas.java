package org.neuronworkbench.ui.semantic;

import java.util.function.IntConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.neuronworkbench.export.Rgb;

/**
 * The scatter: one Canvas for the points (redrawn only when the map, colours, filter or view
 * change; points grouped by colour so the fill changes once per class) and one overlay Canvas for
 * hover, selection and the selection rectangle. Drag pans, the wheel zooms about the pointer,
 * Shift+drag selects a rectangle, a click selects the lemma under the pointer.
 */
final class ScatterCanvas extends Pane {
    private static final double HIT_PIXELS = 6;
    private final SemanticMapViewModel vm;
    private final Canvas points = new Canvas();
    private final Canvas overlay = new Canvas();
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private boolean userMoved;
    private int hovered = -1;
    private double pressX, pressY, lastX, lastY;
    private boolean dragging;
    private IntConsumer onHover = i -> { };

    ScatterCanvas(SemanticMapViewModel vm) {
        this.vm = vm;
        setId("semantic-canvas");
        getChildren().addAll(points, overlay);
        overlay.setMouseTransparent(true);
        setMinSize(200, 200);
        widthProperty().addListener(o -> resized());
        heightProperty().addListener(o -> resized());
        vm.viewProperty().addListener((o, old, now) -> {
            if (old == null || now == null || old.vectors() != now.vectors() || old.layer() != now.layer()) {
                userMoved = false;
                hovered = -1;
            }
            redraw();
        });
        vm.hidden().addListener((javafx.collections.SetChangeListener<String>) c -> redraw());
        vm.coloursProperty().addListener(o -> redraw());
        vm.selectedProperty().addListener(o -> drawOverlay(null));
        vm.selectionProperty().addListener(o -> drawOverlay(null));
        setOnMouseMoved(this::moved);
        setOnMousePressed(e -> {
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragging = false;
        });
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnScroll(this::scrolled);
    }

    void onHover(IntConsumer listener) {
        onHover = listener;
    }

    private void resized() {
        points.setWidth(getWidth());
        points.setHeight(getHeight());
        overlay.setWidth(getWidth());
        overlay.setHeight(getHeight());
        redraw();
    }

    /** Fits the map into the canvas with a margin (until the user pans or zooms). */
    private void fit(MapView v) {
        double lx = Double.POSITIVE_INFINITY, hx = Double.NEGATIVE_INFINITY, ly = Double.POSITIVE_INFINITY, hy = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.xy().length / 2; i++) {
            lx = Math.min(lx, v.x(i));
            hx = Math.max(hx, v.x(i));
            ly = Math.min(ly, v.y(i));
            hy = Math.max(hy, v.y(i));
        }
        double w = Math.max(getWidth() - 40, 10);
        double h = Math.max(getHeight() - 40, 10);
        scale = Math.min(w / Math.max(hx - lx, 1e-9), h / Math.max(hy - ly, 1e-9));
        offsetX = getWidth() / 2 - (lx + hx) / 2 * scale;
        offsetY = getHeight() / 2 + (ly + hy) / 2 * scale;
    }

    double screenX(double x) {
        return offsetX + x * scale;
    }

    double screenY(double y) {
        return offsetY - y * scale;
    }

    double mapX(double sx) {
        return (sx - offsetX) / scale;
    }

    double mapY(double sy) {
        return (offsetY - sy) / scale;
    }

    void redraw() {
        GraphicsContext g = points.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, points.getWidth(), points.getHeight());
        MapView v = vm.viewProperty().get();
        if (v != null && v.xy().length > 0) {
            if (!userMoved) {
                fit(v);
            }
            boolean[] shown = vm.visibility();
            int n = v.xy().length / 2;
            double r = n > 20_000 ? 1.5 : n > 2_000 ? 2.5 : 3.5;
            // Lighter classes first, so coloured points are drawn over the grey mass.
            java.util.Map<Rgb, java.util.List<Integer>> byColour = new java.util.LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                if (shown[i]) {
                    byColour.computeIfAbsent(vm.colour(i), k -> new java.util.ArrayList<>()).add(i);
                }
            }
            byColour.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getKey().luminance(), a.getKey().luminance()))
                    .forEach(e -> {
                        Rgb c = e.getKey();
                        g.setFill(Color.rgb(c.red(), c.green(), c.blue()));
                        for (int i : e.getValue()) {
                            g.fillRect(screenX(v.x(i)) - r, screenY(v.y(i)) - r, 2 * r, 2 * r);
                        }
                    });
        }
        drawOverlay(null);
    }

    /** Hover ring, selected lemma (ring and name), selected set, and the rubber band if any. */
    private void drawOverlay(double[] band) {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        MapView v = vm.viewProperty().get();
        if (v == null) {
            return;
        }
        g.setStroke(Color.rgb(40, 40, 40));
        g.setLineWidth(1.5);
        for (int i : vm.selectionProperty().get()) {
            g.strokeRect(screenX(v.x(i)) - 3, screenY(v.y(i)) - 3, 6, 6);
        }
        int sel = vm.selectedProperty().get();
        if (sel >= 0 && sel < v.xy().length / 2) {
            g.setStroke(Color.rgb(220, 0, 0));
            g.setLineWidth(2.5);
            g.strokeOval(screenX(v.x(sel)) - 9, screenY(v.y(sel)) - 9, 18, 18);
            g.setFill(Color.BLACK);
            g.fillText(v.vectors().lemmas().get(sel).lemma(), screenX(v.x(sel)) + 12, screenY(v.y(sel)) - 8);
        }
        if (hovered >= 0 && hovered < v.xy().length / 2) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(1.5);
            g.strokeOval(screenX(v.x(hovered)) - 6, screenY(v.y(hovered)) - 6, 12, 12);
        }
        if (band != null) {
            g.setStroke(Color.rgb(0, 90, 200));
            g.setLineDashes(4);
            g.strokeRect(Math.min(band[0], band[2]), Math.min(band[1], band[3]), Math.abs(band[2] - band[0]),
                    Math.abs(band[3] - band[1]));
            g.setLineDashes();
        }
    }

    /** The visible lemma under a screen position, or -1. */
    int lemmaAt(double sx, double sy) {
        return vm.hit(mapX(sx), mapY(sy), HIT_PIXELS / scale);
    }

    /** Centres the view on a lemma (search). */
    void centreOn(int i) {
        MapView v = vm.viewProperty().get();
        if (v == null || i < 0) {
            return;
        }
        userMoved = true;
        offsetX = getWidth() / 2 - v.x(i) * scale;
        offsetY = getHeight() / 2 + v.y(i) * scale;
        redraw();
    }

    private void moved(MouseEvent e) {
        int i = lemmaAt(e.getX(), e.getY());
        if (i != hovered) {
            hovered = i;
            drawOverlay(null);
            onHover.accept(i);
        }
    }

    private void dragged(MouseEvent e) {
        dragging |= Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3;
        if (e.isShiftDown()) {
            drawOverlay(new double[] {pressX, pressY, e.getX(), e.getY()});
        } else if (e.getButton() == MouseButton.PRIMARY) {
            offsetX += e.getX() - lastX;
            offsetY += e.getY() - lastY;
            userMoved = true;
            redraw();
        }
        lastX = e.getX();
        lastY = e.getY();
    }

    private void released(MouseEvent e) {
        if (dragging && e.isShiftDown()) {
            vm.selectRect(mapX(pressX), mapY(pressY), mapX(e.getX()), mapY(e.getY()));
        } else if (!dragging && e.getButton() == MouseButton.PRIMARY) {
            vm.select(lemmaAt(e.getX(), e.getY()));
        }
        drawOverlay(null);
    }

    private void scrolled(ScrollEvent e) {
        double factor = Math.pow(1.0015, e.getDeltaY());
        double mx = mapX(e.getX());
        double my = mapY(e.getY());
        scale *= factor;
        offsetX = e.getX() - mx * scale;
        offsetY = e.getY() + my * scale;
        userMoved = true;
        redraw();
    }
}
