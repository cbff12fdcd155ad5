#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

int count_books(xmlDocPtr doc, const char *author)
{
    char expr[256];
    snprintf(expr, sizeof expr, "//book[author='%s']", author);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr found = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    int count = (found != NULL && found->nodesetval != NULL) ? found->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(found);
    xmlXPathFreeContext(ctx);
    return count;
}
