// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

class QTableView;

namespace crossdock {

// Gives the tag table's columns the width their widest usual text needs in the
// table's own font and style: fixed pixel widths cut Size and Digest off under
// the GTK platform theme's larger font (and at any font the user picks).
// Call again when the font or style changes.
void fitTagColumns(QTableView *table);

} // namespace crossdock
