using System.Diagnostics;

public class Pipeline
{
    // A pipe needs the shell, so an argument list cannot express it: guidance only.
    public Process Count(string dir)
    {
        return Process.Start("/bin/sh", "-c \"ls " + dir + " | wc -l\"");
    }
}
