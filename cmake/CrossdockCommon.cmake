# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# One place for the warnings and Qt defines every Crossdock target gets.
function(crossdock_configure_target target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -pedantic -Wshadow
                         -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
  if(CROSSDOCK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    CROSSDOCK_VERSION="${PROJECT_VERSION}")
endfunction()
