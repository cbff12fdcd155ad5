using System.Diagnostics;

public class Tools
{
    public Process List(string dir)
    {
        return Process.Start("ls", new[] { "-l", dir });
    }

    public Process Tail(string path, int lines)
    {
        return Process.Start("tail", new[] { "-n", $"{lines}", path });
    }
}
