package org.rlaif.workbench.ui.review;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ObservableMap;
import javafx.scene.input.KeyCode;

/**
 * The review queue's keys: one per action, kept in the user's settings so a remapping lasts. Binding a key that
 * another action has swaps the two, so no key ever means two things. The keypad's digits count as the digits.
 */
public final class KeyMap {
    private final ObservableMap<String, String> stored;

    /** {@code stored}: action name to key name, the settings' map (absent = the action's default key). */
    public KeyMap(ObservableMap<String, String> stored) {
        this.stored = stored;
    }

    public KeyCode keyFor(ReviewAction action) {
        String name = stored.get(action.name());
        KeyCode code = name == null ? null : KeyCode.getKeyCode(name);
        return code == null ? action.defaultKey() : code;
    }

    public Optional<ReviewAction> actionFor(KeyCode pressed) {
        KeyCode key = digitOf(pressed);
        for (ReviewAction a : ReviewAction.values()) {
            if (keyFor(a) == key) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Puts {@code action} on {@code key}; the action that had the key takes this action's old one. */
    public void rebind(ReviewAction action, KeyCode key) {
        if (key.isModifierKey() || key == KeyCode.ESCAPE || key == KeyCode.ENTER || key == KeyCode.TAB) {
            throw new IllegalArgumentException(key.getName() + " cannot be a review key");
        }
        KeyCode target = digitOf(key);
        KeyCode old = keyFor(action);
        for (ReviewAction other : ReviewAction.values()) {
            if (other != action && keyFor(other) == target) {
                put(other, old);
            }
        }
        put(action, target);
    }

    public void reset() {
        for (ReviewAction a : ReviewAction.values()) {
            stored.remove(a.name());
        }
    }

    /** Every action with its key, in the enum's order. */
    public Map<ReviewAction, KeyCode> all() {
        Map<ReviewAction, KeyCode> out = new EnumMap<>(ReviewAction.class);
        for (ReviewAction a : ReviewAction.values()) {
            out.put(a, keyFor(a));
        }
        return out;
    }

    /** How a key is written on a button: "1", "T", "Space". */
    public static String display(KeyCode key) {
        return key.isDigitKey() ? key.getName().substring(key.getName().length() - 1) : key.getName();
    }

    private void put(ReviewAction action, KeyCode key) {
        if (key == action.defaultKey()) {
            stored.remove(action.name());
        } else {
            stored.put(action.name(), key.getName());
        }
    }

    private static KeyCode digitOf(KeyCode key) {
        return switch (key) {
            case NUMPAD0 -> KeyCode.DIGIT0;
            case NUMPAD1 -> KeyCode.DIGIT1;
            case NUMPAD2 -> KeyCode.DIGIT2;
            case NUMPAD3 -> KeyCode.DIGIT3;
            case NUMPAD4 -> KeyCode.DIGIT4;
            case NUMPAD5 -> KeyCode.DIGIT5;
            case NUMPAD6 -> KeyCode.DIGIT6;
            case NUMPAD7 -> KeyCode.DIGIT7;
            case NUMPAD8 -> KeyCode.DIGIT8;
            case NUMPAD9 -> KeyCode.DIGIT9;
            default -> key;
        };
    }
}
