// The connguard Gradle recipe (Kotlin DSL, Gradle 8): every test JVM runs with the agent and writes
// build/connguard/<pid>.jsonl; `connguardReport` merges them, prints them and fails `check` on findings
// of any kind, as the Maven plugin's check goal does (which also writes report.html and report.sarif).
//
// UNTESTED: Gradle cannot be installed from the package registries this project's machines reach, so
// no test builds this file. The Maven plugin (../maven-plugin) and recipe (../maven-surefire) are the
// tested ones; this is their translation. Tests go in src/test/java as usual: the Maven example's SharedConnectionTest works as is.

plugins {
    java
}

repositories {
    mavenCentral()
}

// The agent jar, resolved like any dependency but on no class path: it is attached, never called.
val connguardAgent: Configuration by configurations.creating {
    isCanBeConsumed = false
    isCanBeResolved = true
    isTransitive = false
}

dependencies {
    connguardAgent("io.connguard:connguard-agent:0.1.0")

    testImplementation(platform("org.junit:junit-bom:5.14.1"))
    testImplementation("org.junit.jupiter:junit-jupiter")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
    testImplementation("org.xerial:sqlite-jdbc:3.54.1.0")
}

/**
 * `-javaagent:...` for each test JVM. A provider rather than a plain jvmArgs string: the jar is a
 * task input (a new agent version reruns the tests), its absolute path is not (the build cache
 * stays shareable between machines), and nothing is resolved at configuration time.
 */
abstract class ConnguardAgentArgument : CommandLineArgumentProvider {
    @get:InputFiles
    @get:PathSensitive(PathSensitivity.NONE)
    abstract val agentJar: ConfigurableFileCollection

    @get:Internal
    abstract val reportDir: DirectoryProperty

    override fun asArguments(): Iterable<String> = listOf(
        "-javaagent:${agentJar.singleFile.absolutePath}=report=${reportDir.get().asFile.absolutePath}/%p.jsonl"
    )
}

val connguardReports = layout.buildDirectory.dir("connguard")

tasks.test {
    useJUnitPlatform()
    jvmArgumentProviders.add(objects.newInstance<ConnguardAgentArgument>().apply {
        agentJar.from(connguardAgent)
        reportDir.set(connguardReports)
    })
    // an output of the task: Gradle clears it before the tests rerun (no stale forks merged in) and
    // keeps it with the test results in the build cache
    outputs.dir(connguardReports).withPropertyName("connguardReports")
}

// The CI gate: the report command of the same jar. Exit 1 (findings of any kind) fails the task;
// with connguard-baseline.json in the project, as the Maven plugin does, only findings at sites it
// does not list fail (write it once with: report --write-baseline connguard-baseline.json build/connguard).
val connguardBaseline = layout.projectDirectory.file("connguard-baseline.json").asFile
val connguardReport by tasks.registering(JavaExec::class) {
    group = "verification"
    description = "Merges the test JVMs' connguard reports, prints them and fails on findings of any kind."
    dependsOn(tasks.test)
    classpath = connguardAgent
    mainClass.set("io.connguard.cli.Main")
    args(
        listOf("report", "--fail-on", "any")
            + (if (connguardBaseline.exists()) listOf("--baseline", connguardBaseline.path) else listOf())
            + connguardReports.get().asFile.path
    )
}

tasks.check {
    dependsOn(connguardReport)
}
