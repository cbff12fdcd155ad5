using System.Diagnostics;

public class Tools
{
    public Process List(string dir)
    {
        return Process.Start("/bin/bash", "-c \"ls -l " + dir + "\"");
    }

    public Process Tail(string path, int lines)
    {
        return Process.Start("/bin/sh", $"-c \"tail -n {lines} {path}\"");
    }
}
