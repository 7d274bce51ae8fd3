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
 * The scatter: one Canvas for the points and one overlay Canvas for hover, selection and the
 * rubber band or lasso. Drag pans, the wheel zooms about the pointer, Shift+drag selects a
 * rectangle, Alt+drag (or any drag with the lasso toggle on) selects inside a free-form lasso, a
 * click selects the lemma under the pointer.
 *
 * <p>Kept fluid at 100,000 points: the points are grouped by colour only when the map, colours or
 * filter change (not per frame); pans and wheel zooms transform the drawn Canvas and redraw once,
 * on release or when the wheel has been still for 120 ms; hover asks the view model's grid, never
 * every point.
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
    private boolean lassoMode;
    /** Screen corners of the lasso being drawn (x, y alternating), or null. */
    private double[] lasso;
    private int lassoCorners;
    /** The last lasso selected with, in map coordinates (x, y alternating). */
    private double[] lastLasso = new double[0];
    /** The selection that lasso made: its outline stays drawn while that selection is shown. */
    private int[] lassoSelection;
    /** Points per colour, lightest colour first, for the current map, colours and filter. */
    private Rgb[] groupColours = new Rgb[0];
    private int[][] groups = new int[0][];
    private boolean groupsStale = true;
    /** The view the points Canvas was last drawn with; pans and zooms transform it until a redraw. */
    private double drawnOffsetX;
    private double drawnOffsetY;
    private double drawnScale = 1;
    private final javafx.scene.transform.Affine moved = new javafx.scene.transform.Affine();
    /** A wheel zoom redraws once the wheel has been still this long. */
    private final javafx.animation.PauseTransition zoomSettled =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(120));
    private IntConsumer onHover = i -> { };

    ScatterCanvas(SemanticMapViewModel vm) {
        this.vm = vm;
        setId("semantic-canvas");
        getChildren().addAll(points, overlay);
        points.getTransforms().add(moved);
        zoomSettled.setOnFinished(e -> redraw());
        overlay.setMouseTransparent(true);
        setMinSize(200, 200);
        widthProperty().addListener(o -> resized());
        heightProperty().addListener(o -> resized());
        vm.viewProperty().addListener((o, old, now) -> {
            if (old == null || now == null || old.vectors() != now.vectors() || old.layer() != now.layer()) {
                userMoved = false;
                hovered = -1;
            }
            groupsStale = true;
            redraw();
        });
        vm.hidden().addListener((javafx.collections.SetChangeListener<String>) c -> {
            groupsStale = true;
            redraw();
        });
        vm.coloursProperty().addListener(o -> {
            groupsStale = true;
            redraw();
        });
        vm.selectedProperty().addListener(o -> drawOverlay(null));
        vm.selectionProperty().addListener(o -> drawOverlay(null));
        setOnMouseMoved(this::moved);
        setOnMousePressed(e -> {
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragging = false;
            lasso = null;
            if (e.getButton() == MouseButton.PRIMARY && !e.isShiftDown() && (lassoMode || e.isAltDown())) {
                lasso = new double[64];
                lassoCorners = 0;
                addLassoCorner(e.getX(), e.getY());
            }
        });
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnScroll(this::scrolled);
    }

    void onHover(IntConsumer listener) {
        onHover = listener;
    }

    double[] lastLasso() {
        return lastLasso.clone();
    }

    /** With the lasso on, a plain drag draws a lasso instead of panning. */
    void setLassoMode(boolean on) {
        lassoMode = on;
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
        zoomSettled.stop();
        moved.setToIdentity();
        GraphicsContext g = points.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, points.getWidth(), points.getHeight());
        MapView v = vm.viewProperty().get();
        if (v != null && v.xy().length > 0) {
            if (!userMoved) {
                fit(v);
            }
            if (groupsStale) {
                group(v);
            }
            int n = v.xy().length / 2;
            double r = n > 20_000 ? 1.5 : n > 2_000 ? 2.5 : 3.5;
            float[] xy = v.xy();
            for (int c = 0; c < groups.length; c++) {
                Rgb colour = groupColours[c];
                g.setFill(Color.rgb(colour.red(), colour.green(), colour.blue()));
                for (int i : groups[c]) {
                    g.fillRect(offsetX + xy[2 * i] * scale - r, offsetY - xy[2 * i + 1] * scale - r, 2 * r, 2 * r);
                }
            }
        }
        drawnOffsetX = offsetX;
        drawnOffsetY = offsetY;
        drawnScale = scale;
        drawOverlay(null);
    }

    /**
     * Shows the drawn points at the current pan and zoom by transforming the Canvas (no redraw):
     * a point drawn at s for (drawnOffset, drawnScale) belongs at offset + (s − drawnOffset)·f with
     * f = scale / drawnScale, the same affine map on both axes.
     */
    private void showMoved() {
        double f = scale / drawnScale;
        moved.setToTransform(f, 0, offsetX - drawnOffsetX * f, 0, f, offsetY - drawnOffsetY * f);
        drawOverlay(null);
    }

    boolean isMoved() {
        return !moved.isIdentity();
    }

    /** Visible points grouped by colour, lighter classes first so coloured points lie over the grey mass. */
    private void group(MapView v) {
        boolean[] shown = vm.visibility();
        int n = v.xy().length / 2;
        java.util.Map<Rgb, int[]> counts = new java.util.LinkedHashMap<>();
        Rgb[] colourOf = new Rgb[n];
        for (int i = 0; i < n; i++) {
            if (shown[i]) {
                colourOf[i] = vm.colour(i);
                counts.computeIfAbsent(colourOf[i], k -> new int[1])[0]++;
            }
        }
        java.util.List<Rgb> order = new java.util.ArrayList<>(counts.keySet());
        order.sort((a, b) -> Double.compare(b.luminance(), a.luminance()));
        java.util.Map<Rgb, Integer> slot = new java.util.HashMap<>();
        int[][] out = new int[order.size()][];
        for (int c = 0; c < order.size(); c++) {
            slot.put(order.get(c), c);
            out[c] = new int[counts.get(order.get(c))[0]];
        }
        int[] fill = new int[order.size()];
        for (int i = 0; i < n; i++) {
            if (colourOf[i] != null) {
                int c = slot.get(colourOf[i]);
                out[c][fill[c]++] = i;
            }
        }
        groups = out;
        groupColours = order.toArray(new Rgb[0]);
        groupsStale = false;
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
        if (lasso == null && lassoSelection != null && lassoSelection == vm.selectionProperty().get() && lastLasso.length >= 6) {
            int corners = lastLasso.length / 2;
            double[] sx = new double[corners];
            double[] sy = new double[corners];
            for (int c = 0; c < corners; c++) {
                sx[c] = screenX(lastLasso[2 * c]);
                sy[c] = screenY(lastLasso[2 * c + 1]);
            }
            g.setStroke(Color.rgb(0, 90, 200));
            g.setLineDashes(4);
            g.strokePolygon(sx, sy, corners);
            g.setLineDashes();
        }
        if (lasso != null && lassoCorners > 1) {
            g.setStroke(Color.rgb(0, 90, 200));
            g.setLineDashes(4);
            g.strokePolyline(xs(lasso, lassoCorners), ys(lasso, lassoCorners), lassoCorners);
            g.setLineDashes();
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
        if (lasso != null) {
            addLassoCorner(e.getX(), e.getY());
            drawOverlay(null);
        } else if (e.isShiftDown()) {
            drawOverlay(new double[] {pressX, pressY, e.getX(), e.getY()});
        } else if (e.getButton() == MouseButton.PRIMARY) {
            // Move the drawn points rather than redraw them all: one redraw when the drag ends.
            offsetX += e.getX() - lastX;
            offsetY += e.getY() - lastY;
            userMoved = true;
            showMoved();
        }
        lastX = e.getX();
        lastY = e.getY();
    }

    private void released(MouseEvent e) {
        if (dragging && lasso != null) {
            addLassoCorner(e.getX(), e.getY());
            double[] polygon = new double[2 * lassoCorners];
            for (int c = 0; c < lassoCorners; c++) {
                polygon[2 * c] = mapX(lasso[2 * c]);
                polygon[2 * c + 1] = mapY(lasso[2 * c + 1]);
            }
            lastLasso = polygon;
            lassoSelection = vm.selectLasso(polygon);
        } else if (dragging && e.isShiftDown()) {
            vm.selectRect(mapX(pressX), mapY(pressY), mapX(e.getX()), mapY(e.getY()));
        } else if (!dragging && e.getButton() == MouseButton.PRIMARY) {
            vm.select(lemmaAt(e.getX(), e.getY()));
        }
        lasso = null;
        if (isMoved()) {
            redraw();
        } else {
            drawOverlay(null);
        }
    }

    private void addLassoCorner(double x, double y) {
        if (2 * lassoCorners + 2 > lasso.length) {
            lasso = java.util.Arrays.copyOf(lasso, lasso.length * 2);
        }
        lasso[2 * lassoCorners] = x;
        lasso[2 * lassoCorners + 1] = y;
        lassoCorners++;
    }

    private static double[] xs(double[] corners, int count) {
        double[] out = new double[count];
        for (int c = 0; c < count; c++) {
            out[c] = corners[2 * c];
        }
        return out;
    }

    private static double[] ys(double[] corners, int count) {
        double[] out = new double[count];
        for (int c = 0; c < count; c++) {
            out[c] = corners[2 * c + 1];
        }
        return out;
    }

    private void scrolled(ScrollEvent e) {
        double factor = Math.pow(1.0015, e.getDeltaY());
        double mx = mapX(e.getX());
        double my = mapY(e.getY());
        scale *= factor;
        offsetX = e.getX() - mx * scale;
        offsetY = e.getY() + my * scale;
        userMoved = true;
        // Scale the drawn points at once; redraw them crisp when the wheel stops.
        showMoved();
        zoomSettled.playFromStart();
    }
}
