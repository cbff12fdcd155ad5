using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using System.Text.Encodings.Web;

public static class ProfileHtml
{
    public static IHtmlContent Bio(this IHtmlHelper html, string bio)
    {
        return new HtmlString(HtmlEncoder.Default.Encode(bio));
    }

    public static IHtmlContent Motto(this IHtmlHelper Html, string motto)
    {
        return Html.Raw(HtmlEncoder.Default.Encode(motto));
    }
}
