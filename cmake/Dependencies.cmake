# Every dependency is a Debian 12 package; deploy/debian-packages.txt lists them.
# A missing one stops the configure step with the package to install.

find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package pkg-config")
endif()

# Declares the imported target PkgConfig::<name> or stops with the Debian package to install.
function(majlis_require_pkg name module min_version debian_package)
  pkg_check_modules(${name} QUIET IMPORTED_TARGET GLOBAL "${module}>=${min_version}")
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR
      "Missing dependency ${module} (version ${min_version} or newer): "
      "install the Debian package ${debian_package} (apt-get install ${debian_package}), "
      "or run deploy/setup.sh")
  endif()
endfunction()

majlis_require_pkg(XAPIAN xapian-core 1.4.22 libxapian-dev)
majlis_require_pkg(LIBXML2 libxml-2.0 2.9 libxml2-dev)
majlis_require_pkg(POPPLER poppler-cpp 22.0 libpoppler-cpp-dev)
# Poppler's core headers, for the embedded images of scanned pages
# (ocr/PdfPageImage.cpp). They change between Poppler releases, so the
# version must match the poppler-cpp above; Debian ships both from one source.
majlis_require_pkg(POPPLER_CORE poppler 22.0 libpoppler-private-dev)
if(NOT POPPLER_CORE_VERSION VERSION_EQUAL POPPLER_VERSION)
  message(FATAL_ERROR "poppler ${POPPLER_CORE_VERSION} and poppler-cpp ${POPPLER_VERSION} differ: "
    "install libpoppler-private-dev and libpoppler-cpp-dev of the same Poppler release")
endif()
majlis_require_pkg(TESSERACT tesseract 5.0 libtesseract-dev)
majlis_require_pkg(LEPTONICA lept 1.79 libleptonica-dev)
majlis_require_pkg(LMDB lmdb 0.9.24 liblmdb-dev)
majlis_require_pkg(ICU_UC icu-uc 72 libicu-dev)
majlis_require_pkg(ICU_I18N icu-i18n 72 libicu-dev)
majlis_require_pkg(CRYPTO libcrypto 3.0 libssl-dev)
majlis_require_pkg(ARGON2 libargon2 0 libargon2-dev)

find_package(Poco 1.11 QUIET COMPONENTS Foundation Net Util JSON XML)
if(NOT Poco_FOUND)
  message(FATAL_ERROR "Missing dependency Poco 1.11 (Foundation, Net, Util, JSON, XML): "
    "install the Debian package libpoco-dev, or run deploy/setup.sh")
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "Missing dependency nlohmann_json 3.10: "
    "install the Debian package nlohmann-json3-dev, or run deploy/setup.sh")
endif()

find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp)
if(NOT MUSTACHE_INCLUDE_DIR)
  message(FATAL_ERROR "Missing dependency kainjow mustache: "
    "install the Debian package libkainjow-mustache-dev, or run deploy/setup.sh")
endif()

find_package(Threads REQUIRED)
