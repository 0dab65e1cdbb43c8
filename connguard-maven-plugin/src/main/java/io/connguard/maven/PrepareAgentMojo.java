package io.connguard.maven;

import io.connguard.options.OptionException;
import io.connguard.options.Options;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Attaches the connguard agent to every test JVM that Surefire and Failsafe start: appends
 * {@code -javaagent:connguard-agent.jar=report=target/connguard/%p.jsonl,...} to the {@code argLine}
 * property, after whatever JaCoCo or the project already put there. The agent jar is this
 * plugin's own dependency, so the project declares nothing else. Reports of an earlier build in
 * the report directory are deleted, so that {@code check} judges this build's tests only.
 *
 * <p>A Surefire or Failsafe {@code <argLine>} set in the project must contain {@code @{argLine}}
 * for the agent to be attached, as with JaCoCo.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class PrepareAgentMojo extends AbstractMojo {
    static final String AGENT_ARTIFACT = "io.connguard:connguard-agent";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** This plugin's dependencies by {@code groupId:artifactId}; the agent jar is one of them. */
    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    private Map<String, Artifact> pluginArtifactMap;

    /** Leaves {@code argLine} as it is (set to empty when unset, so that {@code @{argLine}} still resolves). */
    @Parameter(property = "connguard.skip", defaultValue = "false")
    private boolean skip;

    /** Where each test JVM writes its report, {@code <pid>.jsonl}; {@code check} reads the same directory. */
    @Parameter(defaultValue = "${project.build.directory}/connguard", required = true)
    private File reportDirectory;

    /** The property Surefire and Failsafe read their JVM arguments from. */
    @Parameter(defaultValue = "argLine", required = true)
    private String propertyName;

    /** {@code report} (log and record) or {@code strict} (also throw an SQLException at the offending call). */
    @Parameter(property = "connguard.mode")
    private String mode;

    /** {@code connections} or {@code all} (a creation stack for every statement and result set too). */
    @Parameter(property = "connguard.stacks")
    private String stacks;

    /** Frames kept per stack, 1 to 1024. */
    @Parameter(property = "connguard.stackDepth")
    private String stackDepth;

    /** A duration ({@code 500ms}, {@code 30s}, {@code 2m}) after which an open connection is a HELD_TOO_LONG leak, or {@code off}. */
    @Parameter(property = "connguard.leakThreshold")
    private String leakThreshold;

    /** Extra package prefixes of connection pool code, one per {@code <pool>} (on the command line, comma separated). */
    @Parameter(property = "connguard.pools")
    private List<String> pools;

    /** {@code sanitized} (literals replaced by ?), {@code raw}, or {@code off}. */
    @Parameter(property = "connguard.sql")
    private String sql;

    /**
     * {@code report} or {@code allow}: with {@code allow}, a use by another thread while no thread is
     * inside a call of the connection's family moves ownership to it (frameworks that move work
     * between threads in sequence); concurrent use is still found.
     */
    @Parameter(property = "connguard.handoff")
    private String handoff;

    /**
     * Findings to leave out (counted in the summary, never reported), one pattern per {@code <ignore>}:
     * {@code com.acme.legacy.*}, {@code com.acme.Dao.load}, optionally after a kind ({@code LEAK:com.acme.Audit.*});
     * on the command line, comma separated.
     */
    @Parameter(property = "connguard.ignore")
    private List<String> ignores;

    /** Further agent options as {@code key=value,key=value}, for options without a parameter of their own. */
    @Parameter
    private String options;

    /** {@code check}'s kinds, read here too so that a bad one stops the build before the tests run. */
    @Parameter(property = "connguard.failOn")
    private String failOn;

    @Override
    public void execute() throws MojoExecutionException {
        Properties properties = project.getProperties();
        String existing = properties.getProperty(propertyName);
        if (skip) {
            getLog().info("connguard: skipped");
            if (existing == null) properties.setProperty(propertyName, "");
            return;
        }
        String report = new File(reportDirectory, "%p.jsonl").getAbsolutePath();
        if (report.indexOf(',') >= 0) {
            throw new MojoExecutionException("connguard: the report directory " + reportDirectory
                + " has a comma in its path, which the agent reads as the end of an option; set <reportDirectory> to another directory");
        }
        AgentArgument argument = new AgentArgument()
            .option("report", report)
            .option("mode", mode)
            .option("stacks", stacks)
            .option("stackDepth", stackDepth)
            .option("leakThreshold", leakThreshold)
            .option("pools", pools)
            .option("sql", sql)
            .option("handoff", handoff)
            // ';' between patterns: unlike ',' it cannot be read as the start of the next option
            .option("ignore", ignores == null ? null : String.join(";", ignores))
            .extra(options);
        if (failOn != null) FailOn.parse(failOn);
        try {
            // the agent's own parser: a bad value stops the build now, with the line the test JVM would die with
            Options.parse(argument.agentOptions(), Collections.emptyMap(), Collections.emptyMap());
        } catch (OptionException e) {
            throw new MojoExecutionException(e.getMessage() + " (in the configuration of connguard-maven-plugin, or a -Dconnguard. property of the build)");
        }
        deleteOldReports();
        String value = AgentArgument.appendTo(existing, argument.jvmArgument(agentJar()));
        properties.setProperty(propertyName, value);
        getLog().info(propertyName + " set to " + value);
    }

    private File agentJar() throws MojoExecutionException {
        Artifact agent = pluginArtifactMap.get(AGENT_ARTIFACT);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("connguard: the plugin's dependency " + AGENT_ARTIFACT + " was not resolved");
        }
        return agent.getFile();
    }

    private void deleteOldReports() throws MojoExecutionException {
        Path dir = reportDirectory.toPath();
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path report : reports) Files.delete(report);
        } catch (IOException e) {
            throw new MojoExecutionException("connguard: cannot delete the reports of an earlier build in " + dir + ": " + e);
        }
    }
}
