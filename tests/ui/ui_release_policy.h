#pragma once
// The site's release policy (docs/workstation.md, "What a site configures") set in the
// workstation's settings file for the length of one test.

#include <QSettings>

namespace prescreen::test {

/// Sets the site's release policy in the workstation settings for one test.
struct ReleasePolicy {
    explicit ReleasePolicy(const char* level) {
        settings().setValue(key(), QString::fromLatin1(level));
    }
    ~ReleasePolicy() { settings().remove(key()); }
    ReleasePolicy(const ReleasePolicy&) = delete;
    ReleasePolicy& operator=(const ReleasePolicy&) = delete;
    static QString key() { return QStringLiteral("decision/confirmReleaseFromLevel"); }
    static QSettings settings() {
        return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Prescreen"),
                         QStringLiteral("workstation"));
    }
};

} // namespace prescreen::test
