package org.rlaif.workbench.ui.dashboard;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A dashboard chart with its title, a one-line reading guide, and PNG / CSV export buttons. */
final class ChartCard extends VBox {
    private final Label subtitle = new Label();

    ChartCard(String id, String title, String guide, Node chart, Consumer<ChartCard> png, Supplier<String> csv,
              Consumer<String> saveCsv) {
        getStyleClass().add("chart-card");
        setId("chart-" + id);
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TITLE_4);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button image = new Button("PNG", new FontIcon(Feather.IMAGE));
        image.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        image.setTooltip(new Tooltip("Save this chart as a PNG image"));
        image.setOnAction(e -> png.accept(this));
        image.setId("png-" + id);
        Button data = new Button("CSV", new FontIcon(Feather.FILE_TEXT));
        data.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        data.setTooltip(new Tooltip("Save the data behind this chart as CSV"));
        data.setOnAction(e -> saveCsv.accept(csv.get()));
        data.setId("csv-" + id);
        HBox head = new HBox(8, t, grow, image, data);
        head.setAlignment(Pos.CENTER_LEFT);
        Label g = new Label(guide);
        g.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        g.setWrapText(true);
        subtitle.getStyleClass().addAll(Styles.TEXT_SMALL);
        subtitle.setWrapText(true);
        subtitle.managedProperty().bind(subtitle.textProperty().isNotEmpty());
        getChildren().addAll(head, g, subtitle, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
    }

    void setSubtitle(String text) {
        subtitle.setText(text == null ? "" : text);
    }
}
