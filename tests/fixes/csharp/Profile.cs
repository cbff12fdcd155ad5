using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

public static class ProfileHtml
{
    public static IHtmlContent Bio(this IHtmlHelper html, string bio)
    {
        return new HtmlString(bio);
    }

    public static IHtmlContent Motto(this IHtmlHelper Html, string motto)
    {
        return Html.Raw(motto);
    }
}
