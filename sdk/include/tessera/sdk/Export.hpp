#pragma once

#include <boost/config.hpp>

/// Marks the SDK library's own exported functions. Interfaces that cross the plugin boundary
/// use BOOST_SYMBOL_VISIBLE instead, so their type information is shared by host and plugin.
#if defined(TESSERA_SDK_BUILDING)
#define TESSERA_SDK_API BOOST_SYMBOL_EXPORT
#else
#define TESSERA_SDK_API BOOST_SYMBOL_IMPORT
#endif
