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

# Precompiled headers for the libraries (crossdock-core, crossdock-ui, the
# CLI's and the tests' support libraries): their ~250 files include the same
# Qt headers, whose parsing is most of a build's time (CI builds twice: gcc,
# and clang with sanitizers). CROSSDOCK_PCH=OFF builds without them, which
# also shows an include a file forgot.
option(CROSSDOCK_PCH "Precompile the Qt headers the libraries share" ON)
function(crossdock_precompile_headers target)
  cmake_parse_arguments(ARG "WIDGETS" "" "" ${ARGN})
  if(NOT CROSSDOCK_PCH)
    return()
  endif()
  set(headers <QByteArray> <QDateTime> <QDir> <QFile> <QFileInfo> <QHash> <QJsonArray> <QJsonDocument>
      <QJsonObject> <QList> <QNetworkAccessManager> <QNetworkReply> <QObject> <QPointer> <QRegularExpression>
      <QSet> <QString> <QStringList> <QTimer> <QUrl> <functional> <memory> <optional>)
  if(ARG_WIDGETS)
    list(APPEND headers <QDialog> <QHBoxLayout> <QHeaderView> <QLabel> <QLineEdit> <QPushButton> <QTreeView>
         <QVBoxLayout> <QWidget>)
  endif()
  target_precompile_headers(${target} PRIVATE ${headers})
endfunction()
