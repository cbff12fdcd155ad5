#include <cstdint>
#include <random>

// The engine is called directly and reseeded, so its own output range matters: guidance only.
std::uint32_t session_id_seed(std::uint32_t seed)
{
    std::mt19937 gen;
    gen.seed(seed);
    return gen();
}
