package io.skybridge.emulator.world;

/** Lets tests in other packages reuse {@link WorldSpecTest}'s alternative world. */
public final class WorldSpecTestAccess {
    private WorldSpecTestAccess() {
    }

    public static String otherWorld() {
        return WorldSpecTest.OTHER_WORLD;
    }
}
