// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/registry/registrysettings.h"
#include "ui/appservices.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace crossdock {

// Lists the registries docker, podman, skopeo or crossdock-cli already have
// a login for (auth.json, docker config.json, credHelpers, credsStore) and
// adds the chosen ones to the registry list. Secrets are not copied: they
// stay where they are and are read through the same lookup the CLI uses;
// helper-backed logins stay with their helper.
class ImportLoginsDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ImportLoginsDialog(const AppServices &services, QWidget *parent = nullptr);

Q_SIGNALS:
    // The settings with the chosen registries added, for the caller to save.
    void imported(const crossdock::RegistrySettings &next, const QStringList &hosts);

private:
    void listLogins();
    void importChecked();

    AppServices m_services;
    QListWidget *m_list;
    QLabel *m_status;
    QPushButton *m_import;
};

} // namespace crossdock
