package org.rlaif.workbench.ui.prefs;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The user's preferences, typed and observable: views bind to them, and {@link SettingsFile} writes them whenever
 * one changes. They belong to the user, not to a project (saved filters travel with the project file instead).
 */
public final class Settings {
    /** How many recent projects the start screen lists. */
    public static final int RECENT_LIMIT = 10;

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private final ObjectProperty<WindowGeometry> window =
            new SimpleObjectProperty<>(this, "window", WindowGeometry.DEFAULT);
    private final ObservableMap<String, Double> dividers = FXCollections.observableHashMap();
    private final ObservableMap<String, String> keyBindings = FXCollections.observableHashMap();
    private final StringProperty annotator = new SimpleStringProperty(this, "annotator", defaultAnnotator());
    private final BooleanProperty hideAiLabels = new SimpleBooleanProperty(this, "hideAiLabels", true);
    private final BooleanProperty adjudicateInReview = new SimpleBooleanProperty(this, "adjudicateInReview", true);
    private final BooleanProperty firstRunDone = new SimpleBooleanProperty(this, "firstRunDone", false);

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Most recently opened first. */
    public ObservableList<Path> recentProjects() {
        return recentProjects;
    }

    /** Puts {@code project} at the top of the recent list. */
    public void rememberProject(Path project) {
        Path p = project.toAbsolutePath().normalize();
        recentProjects.remove(p);
        recentProjects.add(0, p);
        if (recentProjects.size() > RECENT_LIMIT) {
            recentProjects.remove(RECENT_LIMIT, recentProjects.size());
        }
    }

    public ObjectProperty<WindowGeometry> windowProperty() {
        return window;
    }

    /** Split-pane divider positions by a key each view chooses (e.g. {@code compare.responses.0}). */
    public ObservableMap<String, Double> dividers() {
        return dividers;
    }

    /** Review-queue action name to key name ({@code KeyCode.getName()}); absent = the default key. */
    public ObservableMap<String, String> keyBindings() {
        return keyBindings;
    }

    /** Who is labeling in the review queue: the name of their HUMAN labeler. */
    public StringProperty annotatorProperty() {
        return annotator;
    }

    /** Whether the review queue hides AI verdicts until the annotator has chosen. */
    public BooleanProperty hideAiLabelsProperty() {
        return hideAiLabels;
    }

    /** Whether a choice in the review queue also records an adjudication (the final word) besides the label. */
    public BooleanProperty adjudicateInReviewProperty() {
        return adjudicateInReview;
    }

    /** False until the window has been opened once (the first run opens the sample project). */
    public BooleanProperty firstRunDoneProperty() {
        return firstRunDone;
    }

    /** Everything a change of which should be saved. */
    List<Observable> observables() {
        return List.of(theme, recentProjects, window, dividers, keyBindings, annotator, hideAiLabels,
                adjudicateInReview, firstRunDone);
    }

    /** Calls {@code listener} whenever any setting changes. */
    public void addChangeListener(InvalidationListener listener) {
        for (Observable o : observables()) {
            o.addListener(listener);
        }
    }

    private static String defaultAnnotator() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "annotator" : user;
    }
}
