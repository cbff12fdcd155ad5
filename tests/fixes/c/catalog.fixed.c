#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

static void xpath_escape_literal(const char *in, char *out, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return;
    if (strchr(in, '\'') == NULL || strchr(in, '"') == NULL) {
        char quote = strchr(in, '\'') == NULL ? '\'' : '"';
        snprintf(out, size, "%c%s%c", quote, in, quote);
        return;
    }
    n += (size_t)snprintf(out, size, "concat('");
    for (; *in != '\0' && n + 12 < size; in++) {
        if (*in == '\'')
            n += (size_t)snprintf(out + n, size - n, "', \"'\", '");
        else
            out[n++] = *in;
    }
    snprintf(out + n, size - n, "')");
}

int count_books(xmlDocPtr doc, const char *author)
{
    char expr[256];
    char author_escaped[sizeof expr];
    xpath_escape_literal(author, author_escaped, sizeof author_escaped);
    snprintf(expr, sizeof expr, "//book[author=%s]", author_escaped);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr found = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    int count = (found != NULL && found->nodesetval != NULL) ? found->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(found);
    xmlXPathFreeContext(ctx);
    return count;
}
