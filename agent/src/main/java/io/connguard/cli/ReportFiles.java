package io.connguard.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report files the {@code report} command reads, and the check that what it writes is none of them. */
final class ReportFiles {
    private ReportFiles() {}

    /**
     * Each file once (a glob and its directory may overlap), by absolute path, to the name the
     * output calls it: as given, or for a directory's {@code *.jsonl} files (in name order) the
     * directory as given and the file name.
     *
     * @param workingDirectory what relative {@code names} are relative to
     * @param names files and directories as given
     * @return the files in the order given, to their names
     * @throws UsageException when a name does not exist, a directory cannot be read or has no {@code *.jsonl} file
     */
    static Map<Path, String> expand(Path workingDirectory, List<String> names) throws UsageException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (String name : names) {
            Path p = workingDirectory.resolve(name).normalize();
            if (!Files.exists(p)) throw new UsageException("connguard report: no such file: " + name);
            if (!Files.isDirectory(p)) {
                out.putIfAbsent(p, name);
                continue;
            }
            List<Path> inDir = new ArrayList<>();
            try (DirectoryStream<Path> jsonl = Files.newDirectoryStream(p, "*.jsonl")) {
                for (Path f : jsonl) inDir.add(f);
            } catch (IOException e) {
                throw new UsageException("connguard report: cannot read " + name + ": " + e);
            }
            if (inDir.isEmpty()) throw new UsageException("connguard report: no *.jsonl files in " + name);
            inDir.sort(null);
            for (Path f : inDir) out.putIfAbsent(f.normalize(), Paths.get(name).resolve(f.getFileName()).normalize().toString());
        }
        return out;
    }

    /**
     * Writing over a report before reading it again would destroy it, and the next gate would pass on
     * what is left: refuse an output that is one of the inputs, by file identity (links, other
     * spellings of the path), not only by name.
     *
     * @param target the file {@code option} would write, resolved
     * @param option the option that names it, for the message
     * @param output the file as given, for the message
     * @param inputs as {@link #expand} returns them
     * @throws UsageException when {@code target} is one of {@code inputs}
     */
    static void refuseOutputAmongInputs(Path target, String option, String output, Map<Path, String> inputs) throws UsageException {
        if (!Files.exists(target)) return; // every input exists, so a new file is none of them
        for (Map.Entry<Path, String> input : inputs.entrySet()) {
            boolean same;
            try {
                same = Files.isSameFile(target, input.getKey());
            } catch (IOException e) {
                same = target.toAbsolutePath().normalize().equals(input.getKey().toAbsolutePath().normalize());
            }
            if (same) {
                throw new UsageException("connguard report: " + option + " " + output + " is the input report " + input.getValue()
                    + "; writing it would destroy that report; give " + option + " a file that is not among the inputs");
            }
        }
    }
}
