package io.connguard.it.scenarios;

import java.io.File;

/** Runs the feature in this class path's {@code cucumber/} folder with Cucumber's own runner, glue {@code com.example.cucumber}. */
public final class RunsCucumber {
    public static void main(String[] args) throws Exception {
        String features = new File(RunsCucumber.class.getResource("/cucumber").toURI()).getPath();
        byte status = io.cucumber.core.cli.Main.run("--glue", "com.example.cucumber", "--plugin", "summary", features);
        if (status != 0) throw new IllegalStateException("Cucumber exited with " + status);
        System.out.println("done");
    }
}
