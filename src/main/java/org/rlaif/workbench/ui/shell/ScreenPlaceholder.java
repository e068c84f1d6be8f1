package org.rlaif.workbench.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.ui.common.Screen;

/** Stands where a screen of another part of the project will go, and says what will be there. */
public final class ScreenPlaceholder extends VBox {
    public ScreenPlaceholder(Screen screen, String text) {
        super(12);
        getStyleClass().add("screen");
        setAlignment(Pos.CENTER);
        FontIcon icon = new FontIcon(ShellView.icon(screen));
        icon.setIconSize(48);
        Label title = new Label(screen.title());
        title.getStyleClass().add(Styles.TITLE_2);
        Label body = new Label(text);
        body.getStyleClass().add("placeholder-text");
        body.setWrapText(true);
        body.setMaxWidth(520);
        getChildren().addAll(icon, title, body);
    }
}
