// No using says which ASP.NET this is, so the right encoder is unknown: guidance only.
public static class Widget
{
    public static object Render(dynamic Html, string body)
    {
        return Html.Raw(body);
    }
}
