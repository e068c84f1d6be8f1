package org.rlaif.workbench.ui.shell;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import atlantafx.base.util.Animations;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.prefs.Theme;

/**
 * The window's frame: a sidebar to move between screens (Ctrl+1 … Ctrl+7), the current screen, the status line
 * with running jobs, and notices in the top-right corner. Screens are built the first time they are shown.
 */
public final class ShellView extends BorderPane {
    private static final Duration PREPARE_NOTICES_AFTER = Duration.seconds(3);
    private final ShellViewModel vm;
    private final Map<Screen, Supplier<Node>> factories;
    private final Map<Screen, Node> built = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> navButtons = new EnumMap<>(Screen.class);
    private final StackPane content = new StackPane();
    private final VBox notices = new VBox(8);

    public ShellView(ShellViewModel vm, Map<Screen, Supplier<Node>> factories) {
        this.vm = vm;
        this.factories = factories;
        getStyleClass().add("shell");
        setLeft(sidebar());
        notices.setPickOnBounds(false);
        notices.setAlignment(Pos.TOP_RIGHT);
        notices.setPadding(new Insets(14));
        notices.setMaxWidth(Region.USE_PREF_SIZE);
        StackPane center = new StackPane(content, notices);
        StackPane.setAlignment(notices, Pos.TOP_RIGHT);
        content.getStyleClass().add("screen-host");
        setCenter(center);
        setBottom(new JobStatusBar(vm));
        vm.screenProperty().addListener((o, was, now) -> display(now));
        display(vm.screenProperty().get());
        prepareNotices();
        vm.workspace().noticeProperty().addListener((o, was, now) -> {
            if (now != null) {
                showNotice(now);
            }
        });
        sceneProperty().addListener((o, was, scene) -> {
            if (scene == null) {
                return;
            }
            Screen[] screens = Screen.values();
            for (int i = 0; i < screens.length && i < 9; i++) {
                Screen s = screens[i];
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)),
                        KeyCombination.SHORTCUT_DOWN), () -> vm.show(s));
            }
        });
    }

    private VBox sidebar() {
        Label brand = new Label("RLAIF Workbench", new FontIcon(Feather.LAYERS));
        brand.getStyleClass().addAll("brand", Styles.TEXT_BOLD);
        VBox nav = new VBox(4);
        ToggleGroup group = new ToggleGroup();
        int n = 1;
        for (Screen s : Screen.values()) {
            ToggleButton b = new ToggleButton(s.title(), new FontIcon(icon(s)));
            b.setToggleGroup(group);
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setTooltip(new Tooltip(s.description() + "  (Ctrl+" + n++ + ")"));
            b.setId("nav-" + s.name().toLowerCase());
            if (s.needsProject()) {
                b.disableProperty().bind(vm.projectOpenProperty().not());
            }
            // a toggle in a group can be clicked off; the screen stays, so the button must stay selected
            b.setOnAction(e -> {
                vm.show(s);
                b.setSelected(vm.screenProperty().get() == s);
            });
            navButtons.put(s, b);
            nav.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button();
        theme.getStyleClass().addAll(Styles.FLAT, "theme-button");
        theme.setMaxWidth(Double.MAX_VALUE);
        theme.setAlignment(Pos.CENTER_LEFT);
        theme.setId("theme-toggle");
        Runnable themeLabel = () -> {
            boolean dark = vm.themeProperty().get() == Theme.DARK;
            theme.setText(dark ? "Light theme" : "Dark theme");
            theme.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON));
        };
        themeLabel.run();
        vm.themeProperty().addListener((o, was, now) -> themeLabel.run());
        theme.setOnAction(e -> vm.toggleTheme());
        VBox side = new VBox(18, brand, nav, spacer, theme);
        side.getStyleClass().add("sidebar");
        side.setPrefWidth(214);
        side.setMinWidth(Region.USE_PREF_SIZE);
        return side;
    }

    static Ikon icon(Screen s) {
        return switch (s) {
            case START -> Feather.HOME;
            case PAIRS -> Feather.LIST;
            case COMPARE -> Feather.COLUMNS;
            case REVIEW -> Feather.CHECK_SQUARE;
            case DASHBOARD -> Feather.BAR_CHART_2;
            case LABELERS -> Feather.CPU;
            case RUNS -> Feather.ACTIVITY;
        };
    }

    private void display(Screen s) {
        Node node = built.computeIfAbsent(s, k -> factories.get(k).get());
        content.getChildren().setAll(node);
        navButtons.values().forEach(b -> b.setSelected(false));
        navButtons.get(s).setSelected(true);
    }

    /** The node of a screen, built if it was not yet (for screenshots and tests). */
    public Node screenNode(Screen s) {
        return built.computeIfAbsent(s, k -> factories.get(k).get());
    }

    /** Removes the notices on screen (the screenshot tour takes pictures of the screens, not of old notices). */
    public void clearNotices() {
        notices.getChildren().clear();
    }

    /**
     * Builds one notice off screen, a few seconds after the window opened. The first notice of a session otherwise
     * loads its control's classes and skin and works out its styles in the frame it appears in, which is the frame
     * where whatever it announces (an import, a finished run) also redraws the screens, the longest frame of an
     * import in {@code bench ui}. Built off screen, the first notice took 29 ms and the next ones 6–10 ms.
     */
    private void prepareNotices() {
        PauseTransition idle = new PauseTransition(PREPARE_NOTICES_AFTER);
        idle.setOnFinished(e -> {
            Node note = notification(Notice.success("Ready", "prepared"));
            StackPane offScreen = new StackPane(note);
            new Scene(offScreen); // a node gets its styles and skin only in a scene
            if (getScene() != null) {
                offScreen.getStylesheets().setAll(getScene().getStylesheets());
            }
            offScreen.applyCss();
            offScreen.layout();
        });
        idle.play();
    }

    private void showNotice(Notice n) {
        Notification note = notification(n);
        note.setOnClose(e -> notices.getChildren().remove(note));
        notices.getChildren().add(note);
        if (notices.getChildren().size() > 4) {
            notices.getChildren().remove(0);
        }
        Animations.fadeIn(note, Duration.millis(200)).playFromStart();
        if (n.kind() != Notice.Kind.ERROR) {
            PauseTransition stay = new PauseTransition(Duration.seconds(5));
            stay.setOnFinished(e -> notices.getChildren().remove(note));
            stay.play();
        }
    }

    private static Notification notification(Notice n) {
        Notification note = new Notification(n.title() + (n.text().isEmpty() ? "" : "\n" + n.text()),
                new FontIcon(switch (n.kind()) {
                    case INFO -> Feather.INFO;
                    case SUCCESS -> Feather.CHECK_CIRCLE;
                    case ERROR -> Feather.ALERT_TRIANGLE;
                }));
        note.getStyleClass().addAll(Styles.ELEVATED_1, switch (n.kind()) {
            case INFO -> Styles.ACCENT;
            case SUCCESS -> Styles.SUCCESS;
            case ERROR -> Styles.DANGER;
        });
        note.setPrefWidth(380);
        note.setMaxWidth(380);
        note.setMaxHeight(Region.USE_PREF_SIZE);
        return note;
    }
}
