/* OmegatGlossaryCheck - loads glossary files with OmegaT's own glossary
 * readers (the classes OmegaT uses for a project's glossary/ folder) and
 * prints what OmegaT sees, one entry per line: source TAB target TAB
 * comment.  Used by tests/glossary/run-glossary.sh.
 *
 *   java -cp OmegaT.jar:. OmegatGlossaryCheck SRC_LANG TGT_LANG FILE...
 *
 * The TBX reader asks the current project for its languages, so a stand-in
 * project with those languages is installed first.  Exit status 1 if a
 * file cannot be read.
 */
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class OmegatGlossaryCheck {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: OmegatGlossaryCheck SRC_LANG TGT_LANG FILE...");
            System.exit(2);
        }
        File dir = new File(System.getProperty("java.io.tmpdir"));
        ProjectProperties props = new ProjectProperties(dir);
        props.setSourceLanguage(args[0]);
        props.setTargetLanguage(args[1]);
        IProject project = (IProject) Proxy.newProxyInstance(
            IProject.class.getClassLoader(), new Class<?>[] {IProject.class},
            (self, method, margs) -> {
                if (method.getName().equals("getProjectProperties"))
                    return props;
                if (method.getReturnType() == boolean.class)
                    return Boolean.FALSE;
                return null;
            });
        Core.setProject(project);
        /* UTF-8 whatever the locale, so what OmegaT read is what is printed */
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        int status = 0;
        for (int i = 2; i < args.length; i++) {
            File f = new File(args[i]);
            try {
                List<GlossaryEntry> entries = f.getName().toLowerCase().endsWith(".tbx")
                    ? GlossaryReaderTBX.read(f, false)
                    : GlossaryReaderTSV.read(f, false);
                for (GlossaryEntry e : entries)
                    out.println(e.getSrcText() + "\t" + e.getLocText() + "\t"
                                       + e.getCommentText().replace("\n", " | "));
            } catch (Exception ex) {
                System.err.println(args[i] + ": " + ex);
                status = 1;
            }
        }
        System.exit(status);
    }
}
