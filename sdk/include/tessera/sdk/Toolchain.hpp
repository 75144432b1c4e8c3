#pragma once

#include <boost/preprocessor/stringize.hpp>

/// Names of the compiler and C++ library a translation unit is built with. The kernel and each
/// plugin compile these into their descriptors; the loader compares them, because C++ classes
/// crossing the plugin boundary are only compatible within one compiler family and one library.
#if defined(__clang__)
#define TESSERA_COMPILER_FAMILY "clang"
#define TESSERA_COMPILER_MAJOR BOOST_PP_STRINGIZE(__clang_major__)
#define TESSERA_COMPILER_FULL \
    "clang " BOOST_PP_STRINGIZE(__clang_major__) "." BOOST_PP_STRINGIZE(__clang_minor__)
#elif defined(__GNUC__)
#define TESSERA_COMPILER_FAMILY "gcc"
#define TESSERA_COMPILER_MAJOR BOOST_PP_STRINGIZE(__GNUC__)
#define TESSERA_COMPILER_FULL \
    "gcc " BOOST_PP_STRINGIZE(__GNUC__) "." BOOST_PP_STRINGIZE(__GNUC_MINOR__)
#else
#define TESSERA_COMPILER_FAMILY "unknown"
#define TESSERA_COMPILER_MAJOR "0"
#define TESSERA_COMPILER_FULL "unknown"
#endif

#include <cstddef>  // defines __GLIBCXX__ or _LIBCPP_VERSION
#if defined(_LIBCPP_VERSION)
#define TESSERA_STDLIB "libc++ " BOOST_PP_STRINGIZE(_LIBCPP_VERSION)
#elif defined(__GLIBCXX__)
#define TESSERA_STDLIB "libstdc++ " BOOST_PP_STRINGIZE(__GLIBCXX__)
#else
#define TESSERA_STDLIB "unknown"
#endif
