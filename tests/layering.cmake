# Checks the layer rules on a source tree (cmake -DROOT=<tree> -P layering.cmake):
#   imaging/ and core/ include no Qt header; only imaging/ includes DCMTK; nothing uses highgui.
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

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layer rules broken (imaging <- core <- ui <- app):\n  ${text}")
endif()
message(STATUS "layer rules hold in ${ROOT}")
