// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock {

class LocalStore;
class RegistryClient;

// Where a pane's images come from: a registry (through its client) or the
// local OCI-layout folder. The browsing jobs and models take one and read
// through whichever it holds; only one of the two is set.
struct ImageSource {
    RegistryClient *client = nullptr;
    LocalStore *store = nullptr;

    static ImageSource registry(RegistryClient *client) { return ImageSource {client, nullptr}; }
    static ImageSource local(LocalStore *store) { return ImageSource {nullptr, store}; }
    bool isLocal() const { return store != nullptr; }
};

} // namespace crossdock
