/* Runs count_books() from tests/fixes/c/catalog.c (copied as case.c) on a three-book catalog and
 * prints how many books the author in argv[1] matched (-1 when the XPath did not evaluate). */
#include <stdio.h>

#include "case.c"

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const char *xml = "<catalog><book><author>ann</author></book><book><author>o'neil</author></book>"
                      "<book><author>bob</author></book></catalog>";
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "catalog.xml", NULL, XML_PARSE_NONET);
    xmlSetGenericErrorFunc(NULL, NULL);
    printf("%d\n", count_books(doc, argv[1]));
    xmlFreeDoc(doc);
    return 0;
}
