package org.neuronworkbench.ui.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lasso's point-in-polygon on the grid against java.awt.geom's, on random points and polygons. */
class PointGridTest {

    @Test
    void lassoSelectsExactlyThePointsInsideRandomPolygons() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 20_000;
        float[] xy = new float[2 * n];
        for (int e = 0; e < xy.length; e++) {
            xy[e] = (float) (random.nextGaussian() * 30);
        }
        PointGrid grid = new PointGrid(xy);
        int nonEmpty = 0;
        for (int trial = 0; trial < 40; trial++) {
            // A star-shaped polygon (simple, often not convex) with 3 to 40 corners somewhere on the map.
            int corners = 3 + random.nextInt(38);
            double cx = random.nextDouble(-40, 40);
            double cy = random.nextDouble(-40, 40);
            double[] polygon = new double[2 * corners];
            Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            for (int c = 0; c < corners; c++) {
                double angle = 2 * Math.PI * c / corners;
                double r = random.nextDouble(2, 50);
                polygon[2 * c] = cx + r * Math.cos(angle);
                polygon[2 * c + 1] = cy + r * Math.sin(angle);
                if (c == 0) {
                    path.moveTo(polygon[0], polygon[1]);
                } else {
                    path.lineTo(polygon[2 * c], polygon[2 * c + 1]);
                }
            }
            path.closePath();
            boolean[] hidden = new boolean[n];
            for (int i = 0; i < n; i += 7) {
                hidden[i] = true;
            }
            int[] expected = IntStream.range(0, n).filter(i -> !hidden[i] && path.contains(xy[2 * i], xy[2 * i + 1])).toArray();
            assertArrayEquals(expected, grid.inPolygon(polygon, i -> !hidden[i]), "polygon " + trial);
            nonEmpty += expected.length > 0 ? 1 : 0;
        }
        assertTrue(nonEmpty > 30, "most polygons catch points: " + nonEmpty);
    }

    @Test
    void fewerThanThreeCornersSelectNothing() {
        PointGrid grid = new PointGrid(new float[] {0, 0, 1, 1, 2, 2});
        assertEquals(0, grid.inPolygon(new double[] {-5, -5, 5, 5}, i -> true).length);
        assertEquals(0, grid.inPolygon(new double[0], i -> true).length);
        assertEquals(3, grid.inPolygon(new double[] {-5, -5, 5, -5, 5, 5, -5, 5}, i -> true).length);
    }
}
