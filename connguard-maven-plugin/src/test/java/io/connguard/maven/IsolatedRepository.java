package io.connguard.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local Maven repository of the test's own, holding this build's connguard artifacts at their
 * real version (0.1.0), so that a user's project names the plugin exactly as the README says while
 * the shared {@code ~/.m2} never receives a half-built 0.1.0. Everything else comes from the
 * shared repository (as a file repository, no network for what the build already has), then Central.
 */
final class IsolatedRepository {
    private final Path mvn;
    private final Path settings;
    private final Path repository;

    IsolatedRepository(Path mvn, Path dir, Path shared) throws Exception {
        this.mvn = mvn;
        this.repository = dir.resolve("repository");
        this.settings = dir.resolve("settings.xml");
        String url = shared.toUri().toString();
        String repo = "<id>shared-local</id><url>" + url + "</url>"
            + "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        Files.writeString(settings, "<settings><profiles><profile><id>shared-local</id>"
            + "<repositories><repository>" + repo + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles><activeProfiles><activeProfile>shared-local</activeProfile></activeProfiles></settings>");
    }

    /** {@code mvn -B} with this repository, then the given arguments. */
    List<String> mvn(String... args) {
        List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-gs", settings.toString(),
            "-Dmaven.repo.local=" + repository));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Installs a file with its POM, as {@code mvn install} of that module would. */
    void install(Path file, Path pom) throws Exception {
        MavenBuild r = MavenBuild.run(settings.getParent(), mvn("-q", "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
            "-Dfile=" + file, "-DpomFile=" + pom));
        if (r.exit != 0) throw new AssertionError("install-file " + file + " failed:\n" + r.output);
    }
}
