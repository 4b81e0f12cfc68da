# Checks the layer rules on a source tree (cmake -DROOT=<tree> -P layering.cmake):
#   imaging/ and core/ include no Qt header; only imaging/ includes DCMTK; nothing uses highgui;
#   in ui/src, a mode's folder (workspaces/<mode>/) includes no header of another mode's folder
#   or of the shell, and the shared folders include none of a mode's or the shell's; ui/ never
#   reaches behind core's services (Service::store(), Service::cache()).
# (The ui targets make the same mistakes build errors; this check names the line.)
# With -DSELFTEST=<violation> -DSCRATCH=<dir> it builds a small tree that breaks one rule and
# checks that instead, so a test can prove the check fails when it should.

if(DEFINED SELFTEST)
  file(REMOVE_RECURSE "${SCRATCH}")
  set(ROOT "${SCRATCH}")
  if(SELFTEST STREQUAL "qt-in-core")
    file(WRITE "${ROOT}/core/src/x.cpp" "#include <QWidget>\n")
  elseif(SELFTEST STREQUAL "qt-in-imaging")
    file(WRITE "${ROOT}/imaging/include/prescreen/imaging/x.h" "#include <QtCore/QString>\n")
  elseif(SELFTEST STREQUAL "dcmtk-in-core")
    file(WRITE "${ROOT}/core/src/x.cpp" "#include \"dcmtk/dcmdata/dctk.h\"\n")
  elseif(SELFTEST STREQUAL "dcmtk-in-ui")
    file(WRITE "${ROOT}/ui/src/x.cpp" "#  include <dcmtk/dcmdata/dcfilefo.h>\n")
  elseif(SELFTEST STREQUAL "highgui-in-imaging")
    file(WRITE "${ROOT}/imaging/src/x.cpp" "#include <opencv2/highgui.hpp>\n")
  elseif(SELFTEST STREQUAL "ui-uses-store")
    file(WRITE "${ROOT}/ui/src/shell/x.cpp" "auto& store = service_.store();\n")
  elseif(SELFTEST STREQUAL "mode-uses-mode")
    file(WRITE "${ROOT}/ui/src/workspaces/trainer/trainer_workspace.h" "#pragma once\n")
    file(WRITE "${ROOT}/ui/src/workspaces/officer/x.cpp" "#include \"trainer_workspace.h\"\n")
  elseif(SELFTEST STREQUAL "shared-uses-shell")
    file(WRITE "${ROOT}/ui/src/shell/session_lock.h" "#pragma once\n")
    file(WRITE "${ROOT}/ui/src/scan/x.cpp" "#  include \"session_lock.h\"\n")
  else()
    message(FATAL_ERROR "unknown self-test ${SELFTEST}")
  endif()
endif()

set(problems "")

function(scan folder regex rule)
  if(NOT IS_DIRECTORY "${ROOT}/${folder}")
    return()
  endif()
  file(GLOB_RECURSE files LIST_DIRECTORIES false
       "${ROOT}/${folder}/*.h" "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp"
       "${ROOT}/${folder}/*.in")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "${regex}")
    foreach(line IN LISTS lines)
      file(RELATIVE_PATH relative "${ROOT}" "${file}")
      list(APPEND problems "${relative}: ${rule}: ${line}")
    endforeach()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

set(qt_include "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/[A-Za-z]+)(\\.h)?[>\"]")
set(dcmtk_include "^[ \t]*#[ \t]*include[ \t]*[<\"]dcmtk/")
set(highgui_include "^[ \t]*#[ \t]*include[ \t]*[<\"]opencv2/highgui")

scan(imaging "${qt_include}" "Qt header below ui/")
scan(core "${qt_include}" "Qt header below ui/")
foreach(folder IN ITEMS core ui app tests)
  scan(${folder} "${dcmtk_include}" "DCMTK header outside imaging/")
endforeach()
foreach(folder IN ITEMS imaging core ui app tests)
  scan(${folder} "${highgui_include}" "OpenCV highgui (drags in Qt 5)")
endforeach()

scan(ui "(service|Service)[_A-Za-z]*(\\.|->)(store|cache)\\(\\)"
     "ui reaches behind core's services (use a service call)")

# ui/src: the headers of one folder, as a regex alternative of their bare names.
function(headers_of folder out)
  file(GLOB_RECURSE headers LIST_DIRECTORIES false RELATIVE "${ROOT}/${folder}"
       "${ROOT}/${folder}/*.h")
  set(names "")
  foreach(header IN LISTS headers)
    get_filename_component(name "${header}" NAME)
    string(REPLACE "." "\\." name "${name}")
    list(APPEND names "${name}")
  endforeach()
  list(JOIN names "|" alternatives)
  set(${out} "${alternatives}" PARENT_SCOPE)
endfunction()

set(ui_src ui/src)
file(GLOB modes LIST_DIRECTORIES true RELATIVE "${ROOT}/${ui_src}/workspaces"
     "${ROOT}/${ui_src}/workspaces/*")
headers_of(${ui_src}/shell shell_headers)
set(all_mode_headers "")
foreach(mode IN LISTS modes)
  if(NOT IS_DIRECTORY "${ROOT}/${ui_src}/workspaces/${mode}")
    continue()
  endif()
  headers_of(${ui_src}/workspaces/${mode} own)
  if(own)
    list(APPEND all_mode_headers "${own}")
  endif()
  foreach(other IN LISTS modes)
    if(NOT other STREQUAL mode AND IS_DIRECTORY "${ROOT}/${ui_src}/workspaces/${other}")
      headers_of(${ui_src}/workspaces/${other} theirs)
      if(theirs)
        scan(${ui_src}/workspaces/${mode} "^[ \t]*#[ \t]*include[ \t]*\"(${theirs})\""
             "a mode uses another mode's folder (workspaces/${other})")
      endif()
    endif()
  endforeach()
  if(shell_headers)
    scan(${ui_src}/workspaces/${mode} "^[ \t]*#[ \t]*include[ \t]*\"(${shell_headers})\""
         "a mode uses the shell's folder")
  endif()
endforeach()
list(JOIN all_mode_headers "|" mode_headers)
foreach(shared IN ITEMS shared scan annotations case queue)
  foreach(set_name IN ITEMS mode_headers shell_headers)
    if(${set_name})
      scan(${ui_src}/${shared} "^[ \t]*#[ \t]*include[ \t]*\"(${${set_name}})\""
           "a shared folder uses a mode's or the shell's folder")
    endif()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layer rules broken (imaging <- core <- ui <- app):\n  ${text}")
endif()
message(STATUS "layer rules hold in ${ROOT}")
