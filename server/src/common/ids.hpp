#pragma once
// Identifiers and secrets: UUIDv7 ids, bearer tokens, password hashes. All randomness and
// hashing come from libsodium.

#include <optional>
#include <string>
#include <string_view>

namespace rf {

// Must be called once before any other function here (initialises libsodium).
void init_crypto();

std::string new_uuid();
// The canonical lower-case form of a UUID, or nullopt when `text` is not one.
std::optional<std::string> parse_uuid(std::string_view text);

// 32 random bytes, base64url without padding.
std::string new_token();
// BLAKE2b-256 of the token, hex: what the database stores instead of the token.
std::string hash_token(std::string_view token);
// A short random code for invite links (base64url of 12 bytes).
std::string new_invite_code();

// argon2id at the OWASP minimum (m = 19 MiB, t = 2). Costs ~10 ms: never on an I/O thread.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace rf
