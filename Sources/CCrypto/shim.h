// OpenSSL's libcrypto, used only for the MD5 that GroupLens publishes beside each download.
#include <openssl/evp.h>
