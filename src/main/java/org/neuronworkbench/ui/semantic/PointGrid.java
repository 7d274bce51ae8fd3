package org.neuronworkbench.ui.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A uniform grid over 2-D points for hit-testing: hover and click look at the few cells around the
 * pointer instead of every point, so they stay instant at 100,000 points. Built in O(n).
 */
final class PointGrid {
    private final float[] xy;
    private final double minX;
    private final double minY;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[] start;
    private final int[] members;

    PointGrid(float[] xy) {
        this.xy = xy;
        int n = xy.length / 2;
        double lx = Double.POSITIVE_INFINITY, ly = Double.POSITIVE_INFINITY;
        double hx = Double.NEGATIVE_INFINITY, hy = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lx = Math.min(lx, xy[2 * i]);
            hx = Math.max(hx, xy[2 * i]);
            ly = Math.min(ly, xy[2 * i + 1]);
            hy = Math.max(hy, xy[2 * i + 1]);
        }
        if (n == 0) {
            lx = ly = 0;
            hx = hy = 1;
        }
        minX = lx;
        minY = ly;
        // about two points per cell on average
        double span = Math.max(Math.max(hx - lx, hy - ly), 1e-9);
        int side = Math.max(1, (int) Math.sqrt(n / 2.0));
        cell = span / side;
        cols = (int) ((hx - lx) / cell) + 1;
        rows = (int) ((hy - ly) / cell) + 1;
        start = new int[cols * rows + 1];
        for (int i = 0; i < n; i++) {
            start[cellOf(i) + 1]++;
        }
        for (int c = 0; c < cols * rows; c++) {
            start[c + 1] += start[c];
        }
        members = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            members[fill[cellOf(i)]++] = i;
        }
    }

    private int cellOf(int i) {
        int cx = Math.min(cols - 1, (int) ((xy[2 * i] - minX) / cell));
        int cy = Math.min(rows - 1, (int) ((xy[2 * i + 1] - minY) / cell));
        return cy * cols + cx;
    }

    /** The point nearest (x, y) within {@code radius} that passes {@code include}, or -1. */
    int nearest(double x, double y, double radius, IntPredicate include) {
        int best = -1;
        double bestD = radius * radius;
        int x0 = clamp((int) Math.floor((x - radius - minX) / cell), cols);
        int x1 = clamp((int) Math.floor((x + radius - minX) / cell), cols);
        int y0 = clamp((int) Math.floor((y - radius - minY) / cell), rows);
        int y1 = clamp((int) Math.floor((y + radius - minY) / cell), rows);
        for (int cy = y0; cy <= y1; cy++) {
            for (int cx = x0; cx <= x1; cx++) {
                int c = cy * cols + cx;
                for (int k = start[c]; k < start[c + 1]; k++) {
                    int i = members[k];
                    double dx = xy[2 * i] - x;
                    double dy = xy[2 * i + 1] - y;
                    double d = dx * dx + dy * dy;
                    if (d <= bestD && include.test(i)) {
                        bestD = d;
                        best = i;
                    }
                }
            }
        }
        return best;
    }

    /** Points inside the rectangle (any corner order) that pass {@code include}, in index order. */
    int[] inRect(double ax, double ay, double bx, double by, IntPredicate include) {
        double lx = Math.min(ax, bx), hx = Math.max(ax, bx), ly = Math.min(ay, by), hy = Math.max(ay, by);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < xy.length / 2; i++) {
            float px = xy[2 * i];
            float py = xy[2 * i + 1];
            if (px >= lx && px <= hx && py >= ly && py <= hy && include.test(i)) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Points inside a polygon (x and y alternating, closed implicitly; even-odd rule) that pass
     * {@code include}, in index order. Only the cells under the polygon's bounding box are looked at.
     */
    int[] inPolygon(double[] polygon, IntPredicate include) {
        int corners = polygon.length / 2;
        if (corners < 3) {
            return new int[0];
        }
        double lx = Double.POSITIVE_INFINITY, ly = Double.POSITIVE_INFINITY;
        double hx = Double.NEGATIVE_INFINITY, hy = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < corners; c++) {
            lx = Math.min(lx, polygon[2 * c]);
            hx = Math.max(hx, polygon[2 * c]);
            ly = Math.min(ly, polygon[2 * c + 1]);
            hy = Math.max(hy, polygon[2 * c + 1]);
        }
        int x0 = clamp((int) Math.floor((lx - minX) / cell), cols);
        int x1 = clamp((int) Math.floor((hx - minX) / cell), cols);
        int y0 = clamp((int) Math.floor((ly - minY) / cell), rows);
        int y1 = clamp((int) Math.floor((hy - minY) / cell), rows);
        List<Integer> out = new ArrayList<>();
        for (int cy = y0; cy <= y1; cy++) {
            for (int cx = x0; cx <= x1; cx++) {
                int c = cy * cols + cx;
                for (int k = start[c]; k < start[c + 1]; k++) {
                    int i = members[k];
                    if (inside(polygon, xy[2 * i], xy[2 * i + 1]) && include.test(i)) {
                        out.add(i);
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Even-odd ray casting: a horizontal ray from (px, py) crosses the polygon's edges an odd number of times. */
    static boolean inside(double[] polygon, double px, double py) {
        int corners = polygon.length / 2;
        boolean in = false;
        for (int a = 0, b = corners - 1; a < corners; b = a++) {
            double ax = polygon[2 * a], ay = polygon[2 * a + 1];
            double bx = polygon[2 * b], by = polygon[2 * b + 1];
            if ((ay > py) != (by > py) && px < (bx - ax) * (py - ay) / (by - ay) + ax) {
                in = !in;
            }
        }
        return in;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
