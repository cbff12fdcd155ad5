// Runs handle() from tests/fixes/cpp/copy.cpp, copied as case.cpp with one probe line added at the
// end of handle() that prints the buffer it copied into: "<printed host>|<buf>".
#include "case.cpp"

int main(int argc, char **argv)
{
    if (argc < 3) {
        return 2;
    }
    handle(argv[1], argv[2]);
    return 0;
}
