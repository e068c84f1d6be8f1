package org.rlaif.workbench.ui;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.pairs.PairItem;
import org.rlaif.workbench.ui.shell.ShellView;

/**
 * For {@code bench ui}: prints how long after the JVM started the first page of pairs was on screen, then quits.
 * A frame after the first row is filled, so what is reported was drawn.
 */
final class FirstPageProbe {
    private FirstPageProbe() {
    }

    static void watch(ShellView shell) {
        new AnimationTimer() {
            boolean seen;

            @Override
            public void handle(long now) {
                if (seen) {
                    stop();
                    System.out.println("first-page-ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
                    System.out.flush();
                    Platform.exit();
                    System.exit(0);
                }
                @SuppressWarnings("unchecked")
                TableView<PairItem> table = (TableView<PairItem>) shell.screenNode(Screen.PAIRS).lookup("#pairs-table");
                seen = table != null && table.getItems() != null && !table.getItems().isEmpty()
                        && table.getItems().get(0).row() != null;
            }
        }.start();
    }
}
